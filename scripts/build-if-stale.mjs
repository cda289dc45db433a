// Builds contracts, api and web when their output is missing or older than their sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const targets = [
  { name: 'contracts', sources: ['libs/contracts/src'], output: 'libs/contracts/dist/index.js', script: 'build:contracts' },
  { name: 'api', sources: ['apps/api/src', 'libs/contracts/src'], output: 'dist/apps/api/main.js', script: 'build:api' },
  { name: 'web', sources: ['apps/web', 'libs/contracts/src'], output: 'dist/apps/web/index.html', script: 'build:web' },
];

export async function buildIfStale({ force = false } = {}) {
  for (const target of targets) {
    const output = join(root, target.output);
    const stale =
      force || !existsSync(output) || Math.max(...target.sources.map((s) => newest(join(root, s)))) > statSync(output).mtimeMs;
    if (!stale) continue;
    console.log(`Building ${target.name}…`);
    const code = await run('npm', ['run', '--silent', target.script]);
    if (code !== 0) return false;
  }
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale({ force: process.argv.includes('--force') }).then((ok) => process.exit(ok ? 0 : 1));
}
