import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { ManualClock } from '../../src/common/clock';
import { RedisService } from '../../src/common/redis/redis.service';
import { AppConfig } from '../../src/config/app-config';

/**
 * The "medium" tier (immich's): the application's modules with no HTTP server, so a test calls a
 * service directly and reads what it did in the real database. Same database and Redis as the
 * integration tests; no job runs (the workers are not started).
 */
export interface ServiceContext {
  app: INestApplicationContext;
  db: DataSource;
  clock: ManualClock;
  get<T>(type: abstract new (...args: never[]) => T): T;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function serviceContext(at = new Date('2026-03-10T16:00:00Z')): Promise<ServiceContext> {
  const clock = new ManualClock(at);
  const config = AppConfig.fromEnv(process.env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { role: 'worker', clock }), { logger: false, abortOnError: false });
  await app.init();
  const db = app.get(DataSource);
  return {
    app,
    db,
    clock,
    get: (type) => app.get(type),
    async reset() {
      const tables: { tablename: string }[] = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`);
      await db.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
      await app.get(RedisService).client.flushdb();
      clock.set(at);
    },
    close: () => app.close(),
  };
}

/** A user row, as sign-in would leave it. */
export async function insertUser(ctx: ServiceContext, email: string, options: { suspended?: boolean } = {}): Promise<string> {
  const [row] = await ctx.db.query(`INSERT INTO users (email, suspended_at) VALUES ($1, $2) RETURNING id`, [email, options.suspended ? new Date() : null]);
  return row.id;
}

/** A business row (go-live makes them; here only the columns the services read). */
export async function insertBusiness(ctx: ServiceContext, name = 'Cool Air HVAC'): Promise<string> {
  const [row] = await ctx.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ($1, 'starter', 100) RETURNING id`, [name]);
  return row.id;
}
