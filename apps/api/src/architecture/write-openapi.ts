import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config';
import { InvalidEnvironmentError } from '../config/env.schema';
import { createHttpApp } from '../http-app';
import { schemaTypesOf } from './client-schema';
import { publishedOpenApiDocument } from './openapi-document';

/** `npm run client:generate`: libs/client/openapi.json from the app (sandbox mode, as developers run it), and its types. */
async function main(): Promise<void> {
  const config = AppConfig.fromEnv(process.env, { PROVIDERS: 'sandbox', SMTP_URL: '', LOG_LEVEL: 'warn' });
  const app = await createHttpApp(config, { inlineWorkers: false });
  try {
    const document = join(process.cwd(), 'libs', 'client', 'openapi.json');
    writeFileSync(document, await publishedOpenApiDocument(app, config.appUrl));
    console.log(`Wrote ${document}`);
    const schema = join(process.cwd(), 'libs', 'client', 'src', 'schema.ts');
    writeFileSync(schema, await schemaTypesOf(document));
    console.log(`Wrote ${schema}`);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof InvalidEnvironmentError ? err.message : err);
  process.exit(1);
});
