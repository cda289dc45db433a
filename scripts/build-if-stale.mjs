// Builds contracts, api, web and embed through Nx: its cache knows from their inputs what is stale,
// restores what it built before, and builds only the rest (`--force` builds everything again).
import { nx } from './lib.mjs';

export async function buildIfStale({ force = false } = {}) {
  const args = ['run-many', '-t', 'build', '--outputStyle=static-failures-only', ...(force ? ['--skip-nx-cache'] : [])];
  return (await nx(args)) === 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildIfStale({ force: process.argv.includes('--force') }).then((ok) => process.exit(ok ? 0 : 1));
}
