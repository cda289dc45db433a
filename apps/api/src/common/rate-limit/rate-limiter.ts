import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../clock';
import { RateLimited, RateLimitsUnavailable } from '../errors/common.errors';
import { RedisService } from '../redis/redis.service';
import { msUntilNextHit } from './sliding-window';

/** A named limit: at most `limit` hits per `windowSeconds`, per identifier. */
export interface RateLimitRule {
  /** Part of the Redis key; kebab-case, e.g. `magic-link-email`. */
  name: string;
  limit: number;
  windowSeconds: number;
  /**
   * The limit caps what costs money (texts, emails, trials): when Redis cannot be asked, the hit is
   * refused (503 RATE_LIMITS.UNAVAILABLE) instead of allowed blind. Other limits fail open.
   */
  failClosed?: boolean;
}

/** How long a caller refused by a fail-closed limit is told to wait. */
export const FAIL_CLOSED_RETRY_AFTER_SECONDS = 30;

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Counts the hit only if it fits, atomically (two instances cannot both take the last slot).
 * KEYS[1] = this window's counter, KEYS[2] = the previous window's counter.
 * ARGV = limit, window ms, ms elapsed in this window. Returns {allowed, current, previous}.
 */
const SLIDING_WINDOW_LUA = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local previous = tonumber(redis.call('GET', KEYS[2]) or '0')
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local elapsed = tonumber(ARGV[3])
if previous * (window - elapsed) + (current + 1) * window <= limit * window then
  current = redis.call('INCR', KEYS[1])
  if current == 1 then redis.call('PEXPIRE', KEYS[1], window * 2) end
  return {1, current, previous}
end
return {0, current, previous}
`;

type SlidingWindowCommand = (current: string, previous: string, limit: number, windowMs: number, elapsedMs: number) => Promise<[number, number, number]>;

/**
 * Rate limits shared by every instance (Redis), sliding-window counters. Identifiers are hashed
 * before they become keys, so no email address or IP sits in Redis in clear.
 *
 * Redis down → the request is allowed and a warning logged (at most once a minute): an outage of
 * the limiter must not lock every user out of sign-in and every integrator out of the API. Except
 * for a `failClosed` rule (what costs money: texts, emails, trials), whose hit is then refused with
 * RateLimitsUnavailable (503, Retry-After): an outage must not lift the caps on spending.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private lastWarningAt = 0;

  constructor(
    private readonly redis: RedisService,
    private readonly clock: Clock,
  ) {
    redis.client.defineCommand('beakerSlidingWindow', { numberOfKeys: 2, lua: SLIDING_WINDOW_LUA });
  }

  /** Counts one hit when it fits and says whether it did; throws RateLimitsUnavailable for a failClosed rule when Redis is down. */
  async hit(rule: RateLimitRule, identifier: string): Promise<RateLimitDecision> {
    const windowMs = rule.windowSeconds * 1000;
    const now = this.clock.now().getTime();
    const index = Math.floor(now / windowMs);
    const elapsedMs = now - index * windowMs;
    // The hash tag keeps both windows of one identifier in one Redis Cluster slot.
    const base = `beaker:rl:{${rule.name}:${createHash('sha256').update(identifier).digest('base64url').slice(0, 22)}}`;
    let result: [number, number, number];
    try {
      const command = (this.redis.client as unknown as { beakerSlidingWindow: SlidingWindowCommand }).beakerSlidingWindow;
      result = await command.call(this.redis.client, `${base}:${index}`, `${base}:${index - 1}`, rule.limit, windowMs, elapsedMs);
    } catch (err) {
      this.warnUnavailable(rule, err as Error);
      if (rule.failClosed) {
        throw new RateLimitsUnavailable(`The ${rule.name} limit cannot be checked right now; try again in a moment`, { retryAfterSeconds: FAIL_CLOSED_RETRY_AFTER_SECONDS });
      }
      return { allowed: true, limit: rule.limit, remaining: rule.limit, retryAfterSeconds: 0 };
    }
    const [allowed, current, previous] = result.map(Number);
    const counts = { limit: rule.limit, windowMs, elapsedMs, current, previous };
    const used = Math.ceil((previous * (windowMs - elapsedMs)) / windowMs + current);
    if (allowed === 1) {
      return { allowed: true, limit: rule.limit, remaining: Math.max(0, rule.limit - used), retryAfterSeconds: 0 };
    }
    return { allowed: false, limit: rule.limit, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(msUntilNextHit(counts) / 1000)) };
  }

  /** Counts one hit, or throws RateLimited (429 with Retry-After) when over the limit. */
  async consume(rule: RateLimitRule, identifier: string): Promise<void> {
    const decision = await this.hit(rule, identifier);
    if (!decision.allowed) {
      throw new RateLimited(`Too many requests; try again in ${decision.retryAfterSeconds} s`, {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    }
  }

  private warnUnavailable(rule: RateLimitRule, err: Error): void {
    const now = Date.now();
    if (now - this.lastWarningAt < 60_000) return;
    this.lastWarningAt = now;
    this.logger.warn(
      { rule: rule.name, err: err.message },
      rule.failClosed ? 'rate limiter unavailable, refusing what costs money (fail closed)' : 'rate limiter unavailable, allowing requests (fail open)',
    );
  }
}
