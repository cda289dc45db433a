// `npm test`: lint, typecheck, build, unit, integration, web and browser tests — in that order,
// stopping at the first failing step. Ends with one line: "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadDotEnv, root, run } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
const tmp = `${root}.tmp/test-results`;
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

const totals = { passed: 0, failed: 0 };
function count(file, read) {
  if (!existsSync(file)) return;
  const { passed, failed } = read(JSON.parse(readFileSync(file, 'utf8')));
  totals.passed += passed;
  totals.failed += failed;
}
const jestCounts = (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests });
const playwrightCounts = (r) => ({ passed: r.stats.expected + (r.stats.flaky ?? 0), failed: r.stats.unexpected });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const steps = [
  { name: 'lint', cmd: ['npx', 'eslint', '.', '--max-warnings=0'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'unit',
    cmd: ['npx', 'jest', '--selectProjects', 'unit', '--json', `--outputFile=${tmp}/unit.json`],
    after: () => count(`${tmp}/unit.json`, jestCounts),
  },
  {
    name: 'integration',
    // jest itself rather than npx, so that the watchdog below stops the tests' own process.
    cmd: [process.execPath, 'node_modules/jest/bin/jest.js', '--selectProjects', 'integration', '--runInBand', '--json', `--outputFile=${tmp}/integration.json`],
    after: () => count(`${tmp}/integration.json`, jestCounts),
    // Jest waits for whatever a test left open (a connection, a timer): fail instead of hanging.
    mustExitAfter: { file: `${tmp}/integration.json`, ms: 20_000 },
  },
  {
    name: 'web',
    cmd: ['npx', 'vitest', 'run', '--config', 'apps/web/vite.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${tmp}/web.json`],
    after: () => count(`${tmp}/web.json`, (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests })),
    when: () => existsSync(`${root}apps/web/vite.config.ts`),
  },
  {
    name: 'browser',
    cmd: ['npx', 'playwright', 'test', '--config', 'apps/web-e2e/playwright.config.ts'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${tmp}/e2e.json` },
    after: () => count(`${tmp}/e2e.json`, playwrightCounts),
    when: () => existsSync(`${root}apps/web-e2e/playwright.config.ts`),
    check: () =>
      existsSync(chromium) ||
      `Chromium is not installed at ${chromium}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
  },
];

/** Kills `child` if it is still running `ms` after `file` (its results) was written. */
function watchExit(child, { file, ms }, onKill) {
  const poll = setInterval(() => {
    if (!existsSync(file)) return;
    clearInterval(poll);
    const deadline = setTimeout(() => {
      onKill();
      child.kill('SIGKILL');
    }, ms);
    child.once('exit', () => clearTimeout(deadline));
  }, 500);
  child.once('exit', () => clearInterval(poll));
}

if (!(await ensureServices())) process.exit(1);

let failedStep = null;
for (const step of steps) {
  if (step.when && !step.when()) continue;
  const problem = step.check?.();
  if (typeof problem === 'string') {
    console.error(`\n✗ ${step.name}: ${problem}`);
    failedStep = step.name;
    break;
  }
  console.log(`\n▶ ${step.name}`);
  const [cmd, ...args] = step.cmd;
  let lingered = false;
  const code = await run(cmd, args, {
    env: { ...process.env, ...step.env },
    onSpawn: (child) => step.mustExitAfter && watchExit(child, step.mustExitAfter, () => (lingered = true)),
  });
  step.after?.();
  if (lingered) {
    console.error(
      `\n✗ ${step.name}: the tests finished but left something open (a connection, a timer, a child process) ` +
        `and the process did not exit within ${step.mustExitAfter.ms / 1000} s. Find it with \`npx jest --selectProjects ${step.name} --runInBand --detectOpenHandles\`.`,
    );
    failedStep = step.name;
    break;
  }
  if (code !== 0) {
    console.error(`\n✗ ${step.name} failed (exit ${code})`);
    failedStep = step.name;
    break;
  }
  console.log(`✓ ${step.name}`);
}

if (failedStep && totals.failed === 0) totals.failed = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep ? 1 : 0);
