import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Mailer } from './mailer';
import { SmtpMailer } from './smtp.mailer';

export type MailTransport = 'smtp' | 'dev-inbox';

/** SMTP when SMTP_URL is set; the development inbox in sandbox mode; live mode requires SMTP. */
export function mailTransportFor(config: AppConfig): MailTransport {
  if (config.env.SMTP_URL) return 'smtp';
  if (config.isSandbox) return 'dev-inbox';
  throw new Error('Invalid environment configuration:\n  SMTP_URL: is required when PROVIDERS=live');
}

/**
 * Provides `Mailer` everywhere when SMTP_URL is set. Without it (sandbox mode only: live mode
 * refuses to start) the SandboxModule provides `Mailer`: the development inbox.
 */
@Global()
@Module({})
export class MailModule {
  static forRoot(config: AppConfig): DynamicModule {
    const providers: Provider[] =
      mailTransportFor(config) === 'smtp' ? [{ provide: Mailer, useFactory: () => new SmtpMailer(config.env.SMTP_URL!, config.env.MAIL_FROM) }] : [];
    return { module: MailModule, providers, exports: providers.length ? [Mailer] : [] };
  }
}
