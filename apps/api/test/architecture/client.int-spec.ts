import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemaTypesOf } from '../../src/architecture/client-schema';
import { publishedOpenApiDocument } from '../../src/architecture/openapi-document';
import { startApp, TestApp } from '../harness';

const clientDir = join(__dirname, '../../../../libs/client');

/**
 * libs/client is generated (`npm run client:generate`) from the OpenAPI document the app serves:
 * the committed document and its types must be what the code says today. The web app calls the
 * API through this client, so a route changed without regenerating fails here, or in the web's
 * typecheck.
 */
describe('libs/client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  it('holds the OpenAPI document the app serves (run `npm run client:generate` after changing a route, a DTO or an error)', async () => {
    const committed = readFileSync(join(clientDir, 'openapi.json'), 'utf8');
    const current = await publishedOpenApiDocument(t.app, t.baseUrl);
    // Line by line, so that a stale document shows what changed.
    expect(committed.split('\n')).toEqual(current.split('\n'));
  });

  it("holds openapi-typescript's types of that document", async () => {
    const committed = readFileSync(join(clientDir, 'src/schema.ts'), 'utf8');
    const current = await schemaTypesOf(join(clientDir, 'openapi.json'));
    expect(committed.split('\n')).toEqual(current.split('\n'));
  });
});
