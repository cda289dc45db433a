// `npm run client:generate`: libs/client from the API's OpenAPI document. The api is built and
// started in sandbox mode on npm start's database (as `npm run map` does), its /docs-json is written
// to libs/client/openapi.json, and openapi-typescript's types of that document to
// libs/client/src/schema.ts. An integration test fails when either is stale.
import { loadDotEnv, nx, root, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
if (!(await ensureServices())) process.exit(1);
if ((await nx(['run', 'api:build', '--outputStyle=static'])) !== 0) process.exit(1);
if ((await run('node', [`${root}dist/apps/api/database/cli.js`, 'migrate'])) !== 0) process.exit(1);
process.exit(await run('node', [`${root}dist/apps/api/architecture/write-openapi.js`]));
