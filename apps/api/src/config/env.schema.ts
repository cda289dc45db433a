import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/**
 * The one environment schema. Every variable the product reads is declared here and documented in
 * .env.example; a missing or invalid value stops the boot with a message naming the variable.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    APP_URL: z.string().url().default('http://localhost:3000'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .default('postgres://postgres@127.0.0.1:5432/beaker'),
    /** Connections per process to Postgres (API and worker each have their own pool). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
    /** inline: processors run inside the HTTP process (one-process experience); off: run `worker` apart. */
    WORKERS: z.enum(['inline', 'off']).default('inline'),
    /** Split across the queue tiers, per queue: critical 3/6, default 2/6, low 1/6 (common/queue/queues.ts). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// URL').optional(),
    MAIL_FROM: z.string().default('Beaker <hello@beaker.local>'),
    PROVIDERS: z.enum(['sandbox', 'live']).optional(),
    STRIPE_API_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().default('whsec_sandbox_beaker_local_only'),
    STRIPE_PRICE_STARTER: z.string().default('price_sandbox_starter'),
    STRIPE_PRICE_PRO: z.string().default('price_sandbox_pro'),
    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().default('sandbox_twilio_auth_token_local_only'),
    TWILIO_FROM_NUMBER: z.string().optional(),
    VAPI_API_KEY: z.string().optional(),
    VAPI_BASE_URL: z.string().url().default('https://api.vapi.ai'),
    VAPI_WEBHOOK_SECRET: z.string().default('sandbox_vapi_webhook_secret_local_only'),
    /** Vapi phone-number id of the line trial and lead calls are placed from (business numbers have their own). */
    VAPI_PHONE_NUMBER_ID: z.string().optional(),
    /** Calls the voice provider account runs at once (Vapi's default is 10; more is bought per account). The compliance check defers beyond it. */
    VAPI_MAX_CONCURRENT_CALLS: z.coerce.number().int().min(1).max(10_000).default(10),
    /** Sandbox only: pause between the simulated call's events (queued → ringing → in-progress → ended → report). */
    SANDBOX_CALL_STEP_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
    ADMIN_EMAILS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default('dev-only-session-secret-change-me-0123456789'),
    TRUST_PROXY: bool.default('false'),
    /**
     * Encrypts the signing secrets of outbound webhook endpoints at rest (AES-256-GCM). Unset: a key
     * derived from SESSION_SECRET (then changing SESSION_SECRET makes the stored secrets unreadable:
     * set this one in production).
     */
    WEBHOOK_SECRETS_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * Which URLs outbound webhooks may be sent to. strict: https only, never to private, loopback or
     * link-local addresses (checked on the resolved address, which is then the one connected to);
     * local: also http to localhost, and no address checks (development, sandbox). Default: strict
     * in live mode or production, else local.
     */
    WEBHOOK_URL_POLICY: z.enum(['strict', 'local']).optional(),
    /** How long an endpoint has to answer a delivery (a 2xx within it is a success). */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(10_000).default(10_000),
    /** Serve the built SPA from this folder (relative to the working directory). */
    WEB_DIST: z.string().default('dist/apps/web'),
    /** The built embed script (apps/embed), served at /embed/v1.js. */
    EMBED_DIST: z.string().default('dist/apps/embed'),
    /**
     * Tests only: the app's clock runs this many ms ahead of the system's (the browser tests shift the
     * server and the browser together, so that calling hours are open whatever the hour). Refused in production.
     */
    CLOCK_OFFSET_MS: z.coerce.number().int().default(0),
  })
  .transform((env) => ({
    ...env,
    // Sandbox unless told otherwise and every live key is present.
    PROVIDERS:
      env.PROVIDERS ?? (env.STRIPE_API_KEY && env.TWILIO_ACCOUNT_SID && env.VAPI_API_KEY ? 'live' : 'sandbox'),
  }))
  .transform((env) => ({
    ...env,
    WEBHOOK_URL_POLICY: env.WEBHOOK_URL_POLICY ?? (env.PROVIDERS === 'live' || env.NODE_ENV === 'production' ? 'strict' : 'local'),
  }))
  .superRefine((env, ctx) => {
    if (env.PROVIDERS === 'live') {
      for (const key of ['STRIPE_API_KEY', 'TWILIO_ACCOUNT_SID', 'VAPI_API_KEY'] as const) {
        if (!env[key]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is required when PROVIDERS=live' });
      }
    }
    if (env.NODE_ENV === 'production' && env.CLOCK_OFFSET_MS !== 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['CLOCK_OFFSET_MS'], message: 'is for tests: it must be 0 (or unset) in production' });
    }
    if (env.NODE_ENV === 'production' && env.SESSION_SECRET.startsWith('dev-only')) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['SESSION_SECRET'], message: 'must be set in production' });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new InvalidEnvironmentError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}
