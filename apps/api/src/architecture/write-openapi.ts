import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { InvalidEnvironmentError } from '../config/env.schema';
import { createHttpApp } from '../http-app';
import { publishedOpenApiDocument } from './openapi-document';

/** `npm run client:generate`, first step: libs/client/openapi.json from the app (sandbox mode, as developers run it). */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv(process.env, { PROVIDERS: 'sandbox', SMTP_URL: '', LOG_LEVEL: 'warn' });
  const app = await createHttpApp(config, { inlineWorkers: false });
  try {
    const target = join(process.cwd(), 'libs', 'client', 'openapi.json');
    writeFileSync(target, await publishedOpenApiDocument(app, config.appUrl));
    console.log(`Wrote ${target}`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof InvalidEnvironmentError ? err.message : err);
  process.exit(1);
});
