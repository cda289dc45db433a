// `npm run map`: docs/MAP.md from the code — the api built, started in sandbox mode on npm start's
// database (created and migrated if need be; the map itself writes nothing there), read, stopped.
import { loadDotEnv, nx, root, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
if (!(await ensureServices())) process.exit(1);
if ((await nx(['run', 'api:build', '--outputStyle=static'])) !== 0) process.exit(1);
if ((await run('node', [`${root}dist/apps/api/database/cli.js`, 'migrate'])) !== 0) process.exit(1);
process.exit(await run('node', [`${root}dist/apps/api/architecture/write-map.js`]));
