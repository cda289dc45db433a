// `npm start`: services up (or clear advice), build what is stale, migrate, then serve.
import { spawn } from 'node:child_process';
import { buildIfStale } from './build-if-stale.mjs';
import { loadDotEnv, root, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
process.env.WORKERS ??= 'inline';

if (!(await ensureServices())) process.exit(1);
if (!(await buildIfStale())) {
  console.error('The build failed; see the errors above.');
  process.exit(1);
}
if ((await run('node', ['dist/apps/api/database/cli.js', 'migrate'])) !== 0) process.exit(1);

// The server runs with the Node.js options production uses (apps/api/src/runtime-options.ts).
const { withNodeOptions } = await import(`${root}dist/apps/api/runtime-options.js`);
const server = spawn('node', ['dist/apps/api/main.js'], { stdio: 'inherit', cwd: root, env: withNodeOptions(process.env) });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
