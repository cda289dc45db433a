import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The app's address as the published document names it, whatever APP_URL the app runs with. */
export const PUBLISHED_APP_URL = 'http://localhost:3000';

/**
 * The OpenAPI document the app serves at /docs-json, as libs/client publishes it
 * (libs/client/openapi.json): the app's own address replaced by PUBLISHED_APP_URL, so that the
 * document depends on the code only.
 */
export async function publishedOpenApiDocument(app: INestApplication, appUrl: string): Promise<string> {
  const reply = await (app as NestFastifyApplication).getHttpAdapter().getInstance().inject({ method: 'GET', url: '/docs-json' });
  if (reply.statusCode !== 200) throw new Error(`/docs-json answered ${reply.statusCode}`);
  const document = JSON.stringify(JSON.parse(reply.body), null, 2).replaceAll(appUrl, PUBLISHED_APP_URL);
  return `${document}\n`;
}
