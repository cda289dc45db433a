import 'reflect-metadata';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';

/**
 * Builds a test database from scratch with the real migrations, and empties a test Redis db.
 * Each run gets its own database and Redis db (by process id), so that runs side by side on one
 * machine do not share state; env.ts hands the names to the test files.
 */
/** Redis databases 4–13 are the integration tests': 0 is `npm start`'s, 3 the browser tests', 14 and 15 the benchmarks'. */
export const TEST_REDIS_DATABASES = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
/** Where a run's claim on its Redis database is kept (in database 0, which no test empties). */
export const claimKey = (db: number) => `beaker:test-redis-claim:${db}`;

/**
 * A Redis database no other run on this machine is using: claimed with SET NX (released by the
 * teardown, or after six hours if a run was killed), so that two runs side by side never empty
 * each other's queues.
 */
async function claimRedisDatabase(): Promise<string> {
  const redis = new Redis('redis://127.0.0.1:6379/0', { maxRetriesPerRequest: 1 });
  try {
    const start = process.pid % TEST_REDIS_DATABASES.length;
    for (let i = 0; i < TEST_REDIS_DATABASES.length; i++) {
      const db = TEST_REDIS_DATABASES[(start + i) % TEST_REDIS_DATABASES.length];
      if ((await redis.set(claimKey(db), String(process.pid), 'EX', 6 * 3600, 'NX')) === 'OK') return `redis://127.0.0.1:6379/${db}`;
    }
    throw new Error(`Every test Redis database (${TEST_REDIS_DATABASES.join(', ')}) is claimed by another run; see the ${claimKey(0).replace(/0$/, '*')} keys in database 0`);
  } finally {
    redis.disconnect();
  }
}

export default async function globalSetup(): Promise<void> {
  process.env.TEST_DATABASE_URL ??= `postgres://postgres@127.0.0.1:5432/beaker_test_${process.pid}`;
  process.env.TEST_REDIS_URL ??= await claimRedisDatabase();
  await import('./env');
  const url = new URL(process.env.DATABASE_URL!);
  const name = url.pathname.slice(1);
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();

  const ds = createDataSource(process.env.DATABASE_URL!);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.destroy();

  const redis = new Redis(process.env.REDIS_URL!);
  await redis.flushdb();
  await redis.quit();
}
