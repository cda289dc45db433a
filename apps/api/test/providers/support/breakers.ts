import { Logger } from '@nestjs/common';
import { RedisService } from '../../../src/common/redis/redis.service';
import { AppConfig } from '../../../src/config/app-config';
import { ProviderCircuitBreakers } from '../../../src/integrations/resilience/provider-circuit-breakers';
import { ResiliencePolicy, ResilienceTiming } from '../../../src/integrations/resilience/resilience.policy';

// Services built outside Nest log through the static Logger; keep test output quiet like the apps'.
if (process.env.LOG_LEVEL === 'silent') Logger.overrideLogger(false);

/** Real wall clock (breaker state is shared across processes), recorded sleeps that do not wait. */
export class RecordingTiming extends ResilienceTiming {
  readonly sleeps: number[] = [];
  constructor(private readonly jitter = 0.5) {
    super();
  }
  now(): number {
    return Date.now();
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }
  random(): number {
    return this.jitter;
  }
}

export interface BreakerHarness {
  breakers: ProviderCircuitBreakers;
  timing: RecordingTiming;
  redis: RedisService;
  close(): Promise<void>;
}

/** A ProviderCircuitBreakers with its own Redis connections (as another process would have). */
export async function startBreakers(policy: Partial<ResiliencePolicy> = {}, timing = new RecordingTiming(), options: { reset?: boolean } = {}): Promise<BreakerHarness> {
  const redis = new RedisService(AppConfig.fromEnv(process.env));
  const breakers = new ProviderCircuitBreakers(redis, new ResiliencePolicy(policy), timing);
  if (redis.client.status !== 'ready') await new Promise((resolve) => redis.client.once('ready', resolve));
  if (options.reset) await resetBreakerState(redis);
  await breakers.start();
  return {
    breakers,
    timing,
    redis,
    async close() {
      await breakers.stop();
      await redis.onApplicationShutdown();
    },
  };
}

/** Forgets every breaker's shared state (only the breakers' keys: other state in the test db stays). */
export async function resetBreakerState(redis: RedisService): Promise<void> {
  const keys = await redis.client.keys('provider-breakers:*');
  if (keys.length) await redis.client.del(...keys);
}

export function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 3000, everyMs = 10): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = async () => {
      if (await predicate()) return resolve(Date.now() - started);
      if (Date.now() - started > timeoutMs) return reject(new Error(`condition not met within ${timeoutMs} ms`));
      setTimeout(tick, everyMs);
    };
    void tick();
  });
}

/** Configuration of a process running with live providers (keys are fakes: nock answers). */
export function liveConfig(overrides: Record<string, string> = {}): AppConfig {
  return AppConfig.fromEnv(process.env, {
    PROVIDERS: 'live',
    STRIPE_API_KEY: 'sk_test_beaker_nock',
    TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
    TWILIO_AUTH_TOKEN: 'twilio_test_token',
    // Live mode refuses the development secrets published in the source.
    STRIPE_WEBHOOK_SECRET: 'whsec_test_breakers_0123456789',
    VAPI_WEBHOOK_SECRET: 'vapi_test_breakers_0123456789',
    SESSION_SECRET: 'test-breakers-session-secret-0123456789abcdef',
    TWILIO_FROM_NUMBER: '+14155550100',
    VAPI_API_KEY: 'vapi_test_key',
    VAPI_BASE_URL: 'https://api.vapi.ai',
    VAPI_PHONE_NUMBER_ID: 'pn-trial-line',
    STRIPE_PRICE_STARTER: 'price_starter_test',
    STRIPE_PRICE_PRO: 'price_pro_test',
    ...overrides,
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Wall-clock and CPU time of one call. Assertions on "fails fast" use the median wall time and the
 * CPU time: a shared, loaded machine can deschedule the process in the middle of any single call.
 */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T | unknown; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await fn().catch((e: unknown) => e);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}
