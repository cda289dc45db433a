import Redis from 'ioredis';

/**
 * The browser tests sign in many times an hour from one IP, which the API's per-IP limits on
 * sign-in links would soon refuse. The e2e environment has its own Redis database, so its
 * rate-limit counters (and only those) start from zero on every run.
 */
export default async function globalSetup(): Promise<void> {
  const redis = new Redis(process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/3', { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', 'beaker:rl:*', 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
