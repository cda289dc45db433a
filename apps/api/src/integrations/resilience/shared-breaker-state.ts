import type Redis from 'ioredis';

/** Where a breaker is open, as every process sees it. */
export interface SharedOpenState {
  openedAt: number;
  /** Until then the breaker rejects; after it, one probe is let through (half-open). */
  openUntil: number;
  lastError?: string;
}

export interface SharedBreakerDetails {
  open?: SharedOpenState;
  failures: number;
  lastFailureAt?: number;
  lastError?: string;
  opens: number;
  closes: number;
}

export type BreakerMessage = { name: string; state: 'open'; open: SharedOpenState } | { name: string; state: 'closed' };

const PREFIX = 'provider-breakers';
export const BREAKER_CHANNEL = `${PREFIX}:events`;
const OPEN_HASH = `${PREFIX}:open`;
const NAMES = `${PREFIX}:names`;
const detailKey = (name: string) => `${PREFIX}:detail:${name}`;
const failuresKey = (name: string) => `${PREFIX}:failures:${name}`;
const probeKey = (name: string) => `${PREFIX}:probe:${name}`;

/**
 * The breaker state shared by every api and worker process, in Redis: a hash of open breakers
 * (name → openedAt/openUntil), failures in a sorted set per breaker (the rolling window is a
 * score range), details for the admin view, and a channel announcing each transition.
 */
export class SharedBreakerState {
  constructor(private readonly redis: Redis) {}

  /** Records one counted failure and answers how many fall in the rolling window. */
  async recordFailure(name: string, at: number, windowMs: number, message: string): Promise<number> {
    const member = `${at}:${Math.random().toString(36).slice(2, 10)}`;
    const result = await this.redis
      .multi()
      .zadd(failuresKey(name), at, member)
      .zremrangebyscore(failuresKey(name), '-inf', at - windowMs)
      .zcard(failuresKey(name))
      .pexpire(failuresKey(name), windowMs * 2)
      .hset(detailKey(name), 'lastFailureAt', at, 'lastError', message.slice(0, 500))
      .sadd(NAMES, name)
      .exec();
    return Number(result?.[2]?.[1] ?? 0);
  }

  /**
   * Opens the breaker for everyone. With `overwrite` false (a threshold reached) only the first
   * process to open it counts the transition; a failed probe (`overwrite`) re-opens it for a new period.
   */
  async open(name: string, state: SharedOpenState, overwrite: boolean): Promise<boolean> {
    const json = JSON.stringify(state);
    const set = overwrite ? await this.redis.hset(OPEN_HASH, name, json).then(() => 1) : await this.redis.hsetnx(OPEN_HASH, name, json);
    if (set !== 1) return false;
    await this.redis
      .multi()
      .hincrby(detailKey(name), 'opens', 1)
      .hset(detailKey(name), 'openedAt', state.openedAt)
      .del(probeKey(name))
      .sadd(NAMES, name)
      .publish(BREAKER_CHANNEL, JSON.stringify({ name, state: 'open', open: state } satisfies BreakerMessage))
      .exec();
    return true;
  }

  /** Closes it for everyone (a probe succeeded); false when it was not open. */
  async close(name: string): Promise<boolean> {
    const removed = await this.redis.hdel(OPEN_HASH, name);
    await this.redis
      .multi()
      .del(probeKey(name), failuresKey(name))
      .hincrby(detailKey(name), 'closes', removed ? 1 : 0)
      .publish(BREAKER_CHANNEL, JSON.stringify({ name, state: 'closed' } satisfies BreakerMessage))
      .exec();
    return removed === 1;
  }

  /** One process at a time probes a half-open breaker. */
  async tryAcquireProbe(name: string, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(probeKey(name), holder, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async readOpen(name: string): Promise<SharedOpenState | undefined> {
    const raw = await this.redis.hget(OPEN_HASH, name);
    return raw ? (JSON.parse(raw) as SharedOpenState) : undefined;
  }

  async readAllOpen(): Promise<Map<string, SharedOpenState>> {
    const all = await this.redis.hgetall(OPEN_HASH);
    return new Map(Object.entries(all).map(([name, raw]) => [name, JSON.parse(raw) as SharedOpenState]));
  }

  async knownNames(): Promise<string[]> {
    return this.redis.smembers(NAMES);
  }

  async details(names: string[], now: number, windowMs: number): Promise<Map<string, SharedBreakerDetails>> {
    const pipeline = this.redis.pipeline();
    pipeline.hgetall(OPEN_HASH);
    for (const name of names) {
      pipeline.hgetall(detailKey(name));
      pipeline.zcount(failuresKey(name), now - windowMs, '+inf');
    }
    const results = (await pipeline.exec()) ?? [];
    const open = (results[0]?.[1] ?? {}) as Record<string, string>;
    const map = new Map<string, SharedBreakerDetails>();
    names.forEach((name, i) => {
      const detail = (results[1 + i * 2]?.[1] ?? {}) as Record<string, string>;
      const failures = Number(results[2 + i * 2]?.[1] ?? 0);
      map.set(name, {
        open: open[name] ? (JSON.parse(open[name]) as SharedOpenState) : undefined,
        failures,
        lastFailureAt: detail.lastFailureAt ? Number(detail.lastFailureAt) : undefined,
        lastError: detail.lastError,
        opens: Number(detail.opens ?? 0),
        closes: Number(detail.closes ?? 0),
      });
    });
    return map;
  }
}
