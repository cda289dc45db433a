// Runs jest with the given arguments (which must include --outputFile=<results>) and fails when
// jest has not exited 20 s after writing its results: jest waits for whatever a test left open
// (a connection, a timer, a child process) instead of exiting, and a run should fail, not hang.
// The api's test-integration target runs through this.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { root, run } from './lib.mjs';

const EXIT_WITHIN_MS = 20_000;
const args = process.argv.slice(2);
const results = args.find((arg) => arg.startsWith('--outputFile='))?.slice('--outputFile='.length);
if (!results) {
  console.error('jest-must-exit: pass --outputFile=<results.json>: the deadline starts when jest writes it.');
  process.exit(2);
}
const resultsPath = new URL(results, `file://${root}`).pathname;
// A file left by an earlier run would start the deadline at once.
rmSync(resultsPath, { force: true });
mkdirSync(dirname(resultsPath), { recursive: true });

let lingered = false;
/** Kills `child` if it is still running EXIT_WITHIN_MS after the results were written. */
function watchExit(child) {
  const poll = setInterval(() => {
    if (!existsSync(resultsPath)) return;
    clearInterval(poll);
    const deadline = setTimeout(() => {
      lingered = true;
      child.kill('SIGKILL');
    }, EXIT_WITHIN_MS);
    child.once('exit', () => clearTimeout(deadline));
  }, 500);
  child.once('exit', () => clearInterval(poll));
  // Nx (or Ctrl-C) stopping this task stops jest too.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

// jest itself rather than npx, so that the kill stops the tests' own process.
const code = await run(process.execPath, [`${root}node_modules/jest/bin/jest.js`, ...args], { onSpawn: watchExit });
if (lingered) {
  const rerun = args.filter((arg) => arg !== '--json' && !arg.startsWith('--outputFile=')).join(' ');
  console.error(
    `\n✗ jest finished the tests but something they left open (a connection, a timer, a child process) kept it ` +
      `from exiting within ${EXIT_WITHIN_MS / 1000} s. Find it with \`npx jest ${rerun} --detectOpenHandles\`.`,
  );
  process.exit(1);
}
process.exit(code);
