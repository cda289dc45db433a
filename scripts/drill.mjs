// `npm run drill`: build, then run the failure drills (apps/api/drill/run.ts) and print their table.
// Arguments name drills to run (redis-stop, postgres-restart, worker-kill, redis-replaced, provider-503,
// reports-never-sent); none runs them all. The drills start their own Postgres (initdb) and Redis:
// the shared servers are not used.
import { buildIfStale } from './build-if-stale.mjs';
import { loadDotEnv, run } from './lib.mjs';

loadDotEnv();
if (!(await buildIfStale())) process.exit(1);
if ((await run('npx', ['tsc', '-p', 'apps/api/tsconfig.bench.json'])) !== 0) process.exit(1);
process.exit(await run('node', ['dist/bench/drill/run.js', ...process.argv.slice(2)]));
