import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { WorkerService } from './common/queue/worker.service';
import { AppConfig } from './config/app-config';
import { databasePoolPlan } from './config/database-pool';
import { InvalidEnvironmentError } from './config/env.schema';

/** The job entry point: the same modules, the processors on, no HTTP. Scale it horizontally. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { role: 'worker' }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.get(WorkerService).start();
  const pool = databasePoolPlan(config.env, 'worker');
  app.get(Logger).log(`worker started: ${pool.jobs} jobs at once, up to ${pool.size} database connections`, 'Worker');
}

main().catch((err: unknown) => {
  console.error(err instanceof InvalidEnvironmentError ? err.message : err instanceof Error ? err.message : err);
  process.exit(1);
});
