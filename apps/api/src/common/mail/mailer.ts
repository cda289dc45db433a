import { defineError } from '../errors/domain-error';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post); never secrets beyond the recipient's own links. */
  headers?: Record<string, string>;
}

/** The mail server did not take the message; the caller may answer 503 and let the user retry. */
export class MailUnavailable extends defineError('MAIL.UNAVAILABLE') {}

/**
 * Sends transactional email (sign-in links, billing notices, team invites). Its own DI token:
 * SMTP when SMTP_URL is set, the development inbox in sandbox mode without SMTP_URL.
 * Never log a message's body: it carries sign-in links.
 */
export abstract class Mailer {
  abstract send(message: MailMessage): Promise<void>;
}
