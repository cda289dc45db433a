/** The numbers of the resilience layer (PRODUCT.md: opens after 5 failures, half-opens after 60 s, 3 retries). */
export class ResiliencePolicy {
  /** Counted failures within the rolling window that open a breaker. */
  failureThreshold = 5;
  rollingWindowMs = 60_000;
  /** How long a breaker stays open before one probe is let through (half-open). */
  resetTimeoutMs = 60_000;
  /** Retries of a transient failure, after the first attempt. */
  maxRetries = 3;
  /** First retry delay; doubles each time (1 s, 2 s, 4 s). */
  retryBaseDelayMs = 1_000;
  /** ±20 % so that processes retrying together spread out. */
  jitterRatio = 0.2;
  /** A longer Retry-After fails the operation now instead of holding the request that long. */
  maxRetryAfterMs = 30_000;
  /** How often each process re-reads the shared breaker state (pub/sub is the fast path). */
  syncIntervalMs = 500;
  /** How long one process holds the right to probe a half-open breaker. */
  probeLockMs = 30_000;

  constructor(overrides: Partial<ResiliencePolicy> = {}) {
    Object.assign(this, overrides);
  }
}

/** Time as the resilience layer sees it: injectable so that the retry schedule is testable. */
export abstract class ResilienceTiming {
  /** Wall-clock epoch ms (shared across processes, so never a test's ManualClock). */
  abstract now(): number;
  abstract sleep(ms: number): Promise<void>;
  /** In [0, 1): the jitter. */
  abstract random(): number;
}

export class SystemResilienceTiming extends ResilienceTiming {
  now(): number {
    return Date.now();
  }
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
  random(): number {
    return Math.random();
  }
}

/**
 * The wait before retry number `retry` (0-based): 1 s, 2 s, 4 s with jitter, and at least what
 * Retry-After asked for. null when Retry-After asks for more than we are willing to hold a request.
 */
export function retryDelayMs(retry: number, policy: ResiliencePolicy, random: number, retryAfterMs?: number): number | null {
  const nominal = policy.retryBaseDelayMs * 2 ** retry;
  const jittered = Math.round(nominal * (1 + policy.jitterRatio * (2 * random - 1)));
  if (retryAfterMs === undefined) return jittered;
  if (retryAfterMs > policy.maxRetryAfterMs) return null;
  return Math.max(retryAfterMs, jittered);
}
