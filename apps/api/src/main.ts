import 'reflect-metadata';
import { AppConfig } from './config/app-config';
import { InvalidEnvironmentError } from './config/env.schema';
import { createHttpApp } from './http-app';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const app = await createHttpApp(config, { inlineWorkers: config.env.WORKERS === 'inline' });
  await app.listen({ port: config.env.PORT, host: config.env.HOST });
  const workers = config.env.WORKERS === 'inline' ? 'job processors inline' : 'no job processors (run the worker)';
  app.getHttpAdapter().getInstance().log.info(`Beaker is listening on ${config.appUrl} (${config.env.PROVIDERS} providers, ${workers})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof InvalidEnvironmentError ? err.message : err);
  process.exit(1);
});
