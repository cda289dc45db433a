import 'reflect-metadata';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import './env';

/** Builds the test database from scratch with the real migrations, and empties the test Redis db. */
export default async function globalSetup(): Promise<void> {
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
