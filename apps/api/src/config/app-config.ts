import { Env, parseEnv } from './env.schema';

/** The validated configuration, injectable everywhere. Build it once with AppConfig.fromEnv(). */
export class AppConfig {
  private constructor(readonly env: Env) {}

  static fromEnv(source: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<string, string>> = {}): AppConfig {
    return new AppConfig(parseEnv({ ...source, ...overrides }));
  }

  get isSandbox(): boolean {
    return this.env.PROVIDERS === 'sandbox';
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }

  /** The public origin, without a trailing slash: links in emails, webhook URLs. */
  get appUrl(): string {
    return this.env.APP_URL.replace(/\/+$/, '');
  }

  isAdminEmail(email: string): boolean {
    return this.env.ADMIN_EMAILS.includes(email.trim().toLowerCase());
  }
}
