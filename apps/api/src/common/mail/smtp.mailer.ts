import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { Mailer, MailMessage, MailUnavailable } from './mailer';

/** Sends through the SMTP server of SMTP_URL (maildev locally, the mail provider in production). */
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('SmtpMailer');
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    // Short timeouts: a request waits for the send, and a hung server must not hang sign-in.
    this.transport = createTransport(smtpUrl, { connectionTimeout: 5000, greetingTimeout: 5000, socketTimeout: 10000 });
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
    } catch (err) {
      // The reason only: the body carries a sign-in link.
      this.logger.warn({ err: (err as Error).message, subject: message.subject }, 'email not sent');
      throw new MailUnavailable();
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
