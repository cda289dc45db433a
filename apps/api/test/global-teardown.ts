import Redis from 'ioredis';
import { Client } from 'pg';
import { claimKey } from './global-setup';

/**
 * Drops the run's own test database and empties its Redis database (both kept when
 * KEEP_TEST_DB=1, for a look after a failure), so that no delayed job of a test outlives the run.
 */
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DB === '1' || !process.env.TEST_DATABASE_URL) return;
  const url = new URL(process.env.TEST_DATABASE_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.end();

  if (process.env.TEST_REDIS_URL) {
    const redis = new Redis(process.env.TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      await redis.flushdb();
      // The claim global-setup made on this database (if it made one): free for the next run.
      const db = Number(new URL(process.env.TEST_REDIS_URL).pathname.slice(1));
      await redis.select(0);
      const key = claimKey(db);
      if ((await redis.get(key)) === String(process.pid)) await redis.del(key);
    } finally {
      redis.disconnect();
    }
  }
}
