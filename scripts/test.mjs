// `npm test`: through Nx, lint, typecheck and build every project, then the test tiers — unit,
// integration, web, browser — in that order, stopping after the first step that fails. Nx
// restores what it has cached (test reports included) and runs the rest. Ends with one line:
// "N passed, N failed", summed from the tiers' reports. Arguments go to every nx command
// (`npm test -- --skip-nx-cache` runs everything again).
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadDotEnv, nx, root } from './lib.mjs';
import { ensureServices } from './services.mjs';

loadDotEnv();
// Each test target writes its JSON report here (and declares it as an output, so a cache hit
// restores it). Emptied first: only this run's reports are counted.
const reports = `${root}.tmp/test-results`;
rmSync(reports, { recursive: true, force: true });

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const nxArgs = process.argv.slice(2);
// Light steps: every task's output when it fails, one line when it passes. Test tiers: their
// reporters' output as it comes, one task at a time (integration and browser tests share the
// Postgres and Redis servers; the machines have few cores).
const quiet = ['--outputStyle=static-failures-only'];
const streamed = ['--outputStyle=stream-without-prefixes', '--parallel=1'];
const steps = [
  { name: 'lint', nx: ['run-many', '-t', 'lint', ...quiet] },
  { name: 'typecheck', nx: ['run-many', '-t', 'typecheck', ...quiet] },
  { name: 'build', nx: ['run-many', '-t', 'build', ...quiet] },
  { name: 'unit', nx: ['run-many', '-t', 'test-unit', ...streamed] },
  { name: 'integration', nx: ['run-many', '-t', 'test-integration', ...streamed] },
  { name: 'web', nx: ['run', 'web:test', ...streamed] },
  {
    name: 'browser',
    nx: ['run', 'web-e2e:e2e', ...streamed],
    check: () =>
      existsSync(chromium) ||
      `Chromium is not installed at ${chromium}: run \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
  },
];

/** Passed and failed tests of one report: jest and vitest (numPassedTests…) or playwright (stats). */
function countReport(report) {
  if (report.stats) return { passed: report.stats.expected + (report.stats.flaky ?? 0), failed: report.stats.unexpected };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

const totals = { passed: 0, failed: 0 };
const counted = new Set();
/** Adds the reports that appeared since the last call; returns what they held. */
function countNewReports() {
  const step = { passed: 0, failed: 0 };
  if (!existsSync(reports)) return step;
  for (const file of readdirSync(reports).filter((name) => name.endsWith('.json') && !counted.has(name))) {
    counted.add(file);
    const { passed, failed } = countReport(JSON.parse(readFileSync(`${reports}/${file}`, 'utf8')));
    step.passed += passed;
    step.failed += failed;
  }
  totals.passed += step.passed;
  totals.failed += step.failed;
  return step;
}

if (!(await ensureServices())) process.exit(1);

let failedStep = null;
for (const step of steps) {
  const problem = step.check?.();
  if (typeof problem === 'string') {
    console.error(`\n✗ ${step.name}: ${problem}`);
    failedStep = step.name;
    break;
  }
  console.log(`\n▶ ${step.name}`);
  const code = await nx([...step.nx, ...nxArgs]);
  const { passed, failed } = countNewReports();
  const tests = passed + failed > 0 ? ` (${passed} tests passed, ${failed} failing)` : '';
  if (code !== 0) {
    console.error(`\n✗ ${step.name} failed (exit ${code})${tests}`);
    failedStep = step.name;
    break;
  }
  console.log(`✓ ${step.name}${tests}`);
}

if (failedStep && totals.failed === 0) totals.failed = 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedStep ? 1 : 0);
