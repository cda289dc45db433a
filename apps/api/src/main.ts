import 'reflect-metadata';
import { AppConfig } from './config/app-config';
import { databasePoolPlan } from './config/database-pool';
import { InvalidEnvironmentError } from './config/env.schema';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await createHttpApp(config, { inlineWorkers: config.env.WORKERS === 'inline' });
  await app.listen({ port: config.env.PORT, host: config.env.HOST });
  const workers = config.env.WORKERS === 'inline' ? 'job processors inline' : 'no job processors (run the worker)';
  const pool = databasePoolPlan(config.env, config.env.WORKERS === 'inline' ? 'single' : 'api');
  app.getHttpAdapter().getInstance().log.info(`Beaker is listening on ${config.appUrl} (${config.env.PROVIDERS} providers, ${workers}, up to ${pool.size} database connections)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof InvalidEnvironmentError ? err.message : err);
  process.exit(1);
});
