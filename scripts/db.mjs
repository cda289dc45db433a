// `npm run db:migrate` / `npm run db:revert`: builds the api if needed, then runs the migration CLI.
import { buildIfStale } from './build-if-stale.mjs';
import { loadDotEnv, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
const command = process.argv[2] ?? 'migrate';
if (!(await ensureServices())) process.exit(1);
if (!(await buildIfStale())) process.exit(1);
process.exit(await run('node', ['dist/apps/api/database/cli.js', command]));
