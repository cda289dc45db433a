// `npm run analytics:backfill -- --from 2026-01-01`: builds the api if needed, then rebuilds the
// daily analytics snapshots from that day to yesterday (apps/api/src/analytics-backfill.ts).
import { buildIfStale } from './build-if-stale.mjs';
import { loadDotEnv, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
if (!(await ensureServices())) process.exit(1);
if (!(await buildIfStale())) process.exit(1);
process.exit(await run('node', ['dist/apps/api/analytics-backfill.js', ...process.argv.slice(2)]));
