// `npm run drill`: build, then run the failure drills (apps/api/drill/run.ts) and print their table.
// Arguments name drills to run (redis-stop, worker-kill, redis-replaced); none runs them all.
import { buildIfStale } from './build-if-stale.mjs';
import { loadDotEnv, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
if (!(await ensureServices())) process.exit(1);
if (!(await buildIfStale())) process.exit(1);
if ((await run('npx', ['tsc', '-p', 'apps/api/tsconfig.bench.json'])) !== 0) process.exit(1);
process.exit(await run('node', ['dist/bench/drill/run.js', ...process.argv.slice(2)]));
