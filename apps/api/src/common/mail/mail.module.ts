import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { DevInbox, DevInboxMailer } from '../../integrations/sandbox/mail/dev-inbox';
import { Mailer } from './mailer';
import { SandboxEmailsController } from '../../integrations/sandbox/mail/sandbox-emails.controller';
import { SmtpMailer } from './smtp.mailer';

export type MailTransport = 'smtp' | 'dev-inbox';

/** SMTP when SMTP_URL is set; the development inbox in sandbox mode; live mode requires SMTP. */
export function mailTransportFor(config: AppConfig): MailTransport {
  if (config.env.SMTP_URL) return 'smtp';
  if (config.isSandbox) return 'dev-inbox';
  throw new Error('Invalid environment configuration:\n  SMTP_URL: is required when PROVIDERS=live');
}

/** Provides `Mailer` everywhere; the sandbox inbox endpoint exists only when the inbox is used. */
@Global()
@Module({})
export class MailModule {
  static forRoot(config: AppConfig): DynamicModule {
    const transport = mailTransportFor(config);
    const mailer: Provider =
      transport === 'smtp'
        ? { provide: Mailer, useFactory: () => new SmtpMailer(config.env.SMTP_URL!, config.env.MAIL_FROM) }
        : { provide: Mailer, useFactory: (inbox: DevInbox) => new DevInboxMailer(inbox), inject: [DevInbox] };
    return {
      module: MailModule,
      controllers: transport === 'dev-inbox' ? [SandboxEmailsController] : [],
      providers: [DevInbox, mailer],
      exports: [Mailer, DevInbox],
    };
  }
}
