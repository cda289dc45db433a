import { isIP } from 'node:net';
import { z } from 'zod';

/** proxy-addr's names for reserved ranges, which Fastify's trustProxy takes beside addresses. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUST_PROXY as Fastify's trustProxy takes it: false, a hop count, or a list of addresses and CIDRs. */
const trustProxy = z.string().transform((value, ctx): false | number | string[] => {
  const text = value.trim();
  if (text === 'false' || text === '0') return false;
  if (text === 'true') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'trusts every hop, so a client could send its own X-Forwarded-For: give the number of proxies in front of the app (e.g. 1) or their addresses (CIDRs, comma-separated)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'at most 10 proxies in front of the app' });
    return hops;
  }
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const invalid = entries.filter((e) => !isProxyAddress(e));
  if (entries.length === 0 || invalid.length > 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be false, a hop count or addresses/CIDRs, comma-separated (not valid: ${invalid.join(', ') || 'empty'})` });
    return z.NEVER;
  }
  return entries;
});

/**
 * The development values published in this repository (here, in .env.example and in
 * docker-compose.yml): anyone can read them, so live mode and production refuse every one of them.
 */
export const PUBLISHED_DEVELOPMENT_VALUES = {
  STRIPE_WEBHOOK_SECRET: ['whsec_sandbox_beaker_local_only'],
  TWILIO_AUTH_TOKEN: ['sandbox_twilio_auth_token_local_only'],
  VAPI_WEBHOOK_SECRET: ['sandbox_vapi_webhook_secret_local_only'],
  SESSION_SECRET: ['dev-only-session-secret-change-me-0123456789', 'compose-local-session-secret-change-me-0123456789'],
} as const;

/** The credentials webhooks are verified with: live mode needs real ones. */
const LIVE_WEBHOOK_SECRETS = ['STRIPE_WEBHOOK_SECRET', 'TWILIO_AUTH_TOKEN', 'VAPI_WEBHOOK_SECRET'] as const;
const LIVE_API_KEYS = ['STRIPE_API_KEY', 'TWILIO_ACCOUNT_SID', 'VAPI_API_KEY'] as const;
/** A webhook secret shorter than this is a placeholder, not a provider's secret. */
const MIN_LIVE_SECRET_LENGTH = 16;

const isPublished = (name: keyof typeof PUBLISHED_DEVELOPMENT_VALUES, value: string) =>
  (PUBLISHED_DEVELOPMENT_VALUES[name] as readonly string[]).includes(value);

/**
 * The one environment schema. Every variable the product reads is declared here and documented in
 * .env.example; a missing or invalid value stops the boot with a message naming the variable.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** The whole request (headers and body) must arrive within this; a client trickling bytes is cut off. */
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
    /** A connection with nothing sent or received for this long is closed (live call streams send a heartbeat every 15 s). */
    HTTP_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    APP_URL: z.string().url().default('http://localhost:3000'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .default('postgres://postgres@127.0.0.1:5432/beaker'),
    /**
     * Connections per process to Postgres (API and worker each have their own pool). Unset: sized from
     * what the process runs (config/database-pool.ts); set below that, the boot stops.
     */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).optional(),
    /** The pool's share for HTTP requests, in a process that serves HTTP (at most this many requests in Postgres at once; the rest wait their turn). */
    DATABASE_HTTP_CONNECTIONS: z.coerce.number().int().min(1).max(500).default(10),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
    /** inline: processors run inside the HTTP process (one-process experience); off: run `worker` apart. */
    WORKERS: z.enum(['inline', 'off']).default('inline'),
    /** Split across the queue tiers, per queue: critical 3/6, default 2/6, low 1/6 (common/queue/queues.ts). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
    /**
     * How often each worker checks that the repeating jobs' schedulers are still in Redis and
     * registers the missing ones again (a Redis replaced by an empty one loses them).
     */
    SCHEDULER_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    /**
     * Error tracking: unhandled errors, jobs failed after their last attempt, circuit breakers opening
     * and closing, bursts of refused webhook signatures go to this Sentry DSN. Unset: nothing is sent.
     */
    SENTRY_DSN: z.string().url().optional(),
    /** Sentry's environment tag (default: NODE_ENV). */
    SENTRY_ENVIRONMENT: z.string().max(64).optional(),
    /**
     * Prometheus metrics (GET /metrics) on a port of their own, not the public one: for the scraper on
     * the private network. Each process (api, worker) needs its own port.
     */
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Or, on the public port: GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. Neither set: no metrics served. */
    METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Refused webhook signatures within one minute that make one error-tracking event (a few are noise, a burst is an attack or a rotated secret). */
    WEBHOOK_SIGNATURE_ALERT_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(20),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// URL').optional(),
    MAIL_FROM: z.string().default('Beaker <hello@beaker.local>'),
    PROVIDERS: z.enum(['sandbox', 'live']).optional(),
    STRIPE_API_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().default(PUBLISHED_DEVELOPMENT_VALUES.STRIPE_WEBHOOK_SECRET[0]),
    STRIPE_PRICE_STARTER: z.string().default('price_sandbox_starter'),
    STRIPE_PRICE_PRO: z.string().default('price_sandbox_pro'),
    TWILIO_ACCOUNT_SID: z.string().optional(),
    TWILIO_AUTH_TOKEN: z.string().default(PUBLISHED_DEVELOPMENT_VALUES.TWILIO_AUTH_TOKEN[0]),
    TWILIO_FROM_NUMBER: z.string().optional(),
    VAPI_API_KEY: z.string().optional(),
    VAPI_BASE_URL: z.string().url().default('https://api.vapi.ai'),
    VAPI_WEBHOOK_SECRET: z.string().default(PUBLISHED_DEVELOPMENT_VALUES.VAPI_WEBHOOK_SECRET[0]),
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
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').default(PUBLISHED_DEVELOPMENT_VALUES.SESSION_SECRET[0]),
    /**
     * Which proxies' X-Forwarded-For to believe: `false`, a hop count (the proxies in front of the
     * app, e.g. 1 behind one load balancer), or their addresses (IPs or CIDRs, comma-separated).
     * Never "every hop": a client's own X-Forwarded-For would pass as its address.
     */
    TRUST_PROXY: trustProxy.default('false'),
    /**
     * Encrypts the signing secrets of outbound webhook endpoints at rest (AES-256-GCM), and a new API
     * key in the answer an Idempotency-Key keeps for 24 hours. Unset: a key
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
    // Unset: live in production (a missing key is then a boot error, never a silent sandbox);
    // elsewhere live when every live key is present, else sandbox.
    PROVIDERS: env.PROVIDERS ?? (env.NODE_ENV === 'production' || LIVE_API_KEYS.every((key) => env[key]) ? 'live' : 'sandbox'),
    providersExplicit: env.PROVIDERS !== undefined,
  }))
  .transform((env) => ({
    ...env,
    WEBHOOK_URL_POLICY: env.WEBHOOK_URL_POLICY ?? (env.PROVIDERS === 'live' || env.NODE_ENV === 'production' ? 'strict' : 'local'),
  }))
  .superRefine((env, ctx) => {
    if (env.PROVIDERS === 'live') {
      const why = env.providersExplicit ? 'is required when PROVIDERS=live' : 'is required in production (set PROVIDERS=sandbox to run the simulators instead)';
      for (const key of LIVE_API_KEYS) {
        if (!env[key]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: why });
      }
      for (const key of LIVE_WEBHOOK_SECRETS) {
        if (isPublished(key, env[key])) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: 'is required in live mode: the development value published in the source is refused' });
        } else if (env[key].length < MIN_LIVE_SECRET_LENGTH) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key], message: `must be the provider's secret in live mode (at least ${MIN_LIVE_SECRET_LENGTH} characters)` });
        }
      }
    }
    if (env.NODE_ENV === 'production' && env.CLOCK_OFFSET_MS !== 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['CLOCK_OFFSET_MS'], message: 'is for tests: it must be 0 (or unset) in production' });
    }
    const developmentSessionSecret = isPublished('SESSION_SECRET', env.SESSION_SECRET) || env.SESSION_SECRET.startsWith('dev-only');
    if ((env.NODE_ENV === 'production' || env.PROVIDERS === 'live') && developmentSessionSecret) {
      const where = env.NODE_ENV === 'production' ? 'in production' : 'in live mode';
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['SESSION_SECRET'], message: `must be set ${where}: the development value published in the source is refused` });
    }
  })
  .transform(({ providersExplicit: _explicit, ...env }) => env);

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
