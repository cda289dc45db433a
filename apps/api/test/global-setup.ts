import 'reflect-metadata';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';

/**
 * Builds a test database from scratch with the real migrations, and empties a test Redis db.
 * Each run gets its own database and Redis db (by process id), so that runs side by side on one
 * machine do not share state; env.ts hands the names to the test files.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_DATABASE_URL ??= `postgres://postgres@127.0.0.1:5432/beaker_test_${process.pid}`;
  // Redis databases 4–13: 0 is `npm start`'s, 3 the browser tests', 14 and 15 the benchmarks'.
  process.env.TEST_REDIS_URL ??= `redis://127.0.0.1:6379/${4 + (process.pid % 10)}`;
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
