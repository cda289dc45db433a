// `npm run bench`: build, then run every benchmark (apps/api/bench) and print its ratios.
import { buildIfStale } from './build-if-stale.mjs';
import { loadDotEnv, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
if (!(await ensureServices())) process.exit(1);
if (!(await buildIfStale())) process.exit(1);
if ((await run('npx', ['tsc', '-p', 'apps/api/tsconfig.bench.json'])) !== 0) process.exit(1);
process.exit(await run('node', ['dist/bench/bench/run.js', ...process.argv.slice(2)]));
