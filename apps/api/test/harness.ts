import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { Clock, ManualClock } from '../src/common/clock';
import { RedisService } from '../src/common/redis/redis.service';
import { AppConfig } from '../src/config/app-config';
import { createHttpApp } from '../src/http-app';

/** fetch's Response, with json() loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  baseUrl: string;
  db: DataSource;
  clock?: ManualClock;
  /** fetch against the running server (real HTTP). */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<TestResponse>;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface StartOptions {
  env?: Record<string, string>;
  inlineWorkers?: boolean;
  /** Replace the clock with a ManualClock starting at this instant. */
  clockAt?: Date;
}

/** Starts the real HTTP app on a free port, against the test database and Redis. */
export async function startApp(options: StartOptions = {}): Promise<TestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = AppConfig.fromEnv(process.env, { APP_URL: baseUrl, PORT: String(port), ...options.env });
  const clock = options.clockAt ? new ManualClock(options.clockAt) : undefined;
  const app = await createHttpApp(config, { inlineWorkers: options.inlineWorkers ?? false, docs: true, clock });
  await app.listen({ port, host: '127.0.0.1' });
  const db = app.get(DataSource);
  return {
    app,
    config,
    baseUrl,
    db,
    clock,
    request(path, init = {}) {
      const { json, headers, ...rest } = init;
      return fetch(`${baseUrl}${path}`, {
        ...rest,
        headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(headers as Record<string, string>) },
        body: json !== undefined ? JSON.stringify(json) : rest.body,
      }) as Promise<TestResponse>;
    },
    async close() {
      await app.close();
    },
  };
}

/** Empties every table but the migrations' own, and the test Redis db. */
export async function resetState(test: TestApp): Promise<void> {
  const tables: { tablename: string }[] = await test.db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
  );
  // A job of the previous test may still be writing (inline workers): TRUNCATE then waits for its
  // row locks, and Postgres may pick it as a deadlock's victim. Try again: the job will be done.
  for (let attempt = 1; tables.length > 0; attempt++) {
    try {
      await test.db.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} CASCADE`);
      break;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt === 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  await test.app.get(RedisService).client.flushdb();
}

export { Clock, ManualClock };
