import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import { e2eClockOffsetMs } from './clock-offset';

// Browser tests drive Debian's Chromium (apt-get install chromium) against the built app:
// `npx nx e2e web-e2e` builds it first (a bare `playwright test` needs `npm run build` before);
// the webServer below empties its own database and Redis database, migrates, and starts dist/.
const workspace = resolve(__dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 3300);
const baseURL = `http://localhost:${port}`;
const clockOffsetMs = e2eClockOffsetMs();

export default defineConfig({
  testDir: './tests',
  outputDir: './artifacts/test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // json: `npm test` reads the counts from PLAYWRIGHT_JSON_OUTPUT_FILE (set by the e2e target) for its closing line.
  reporter: [
    ['list'],
    ['html', { outputFolder: './artifacts/report', open: 'never' }],
    ...(process.env.PLAYWRIGHT_JSON_OUTPUT_FILE || process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['json'] as ['json']] : []),
  ],
  globalSetup: './global-setup.ts',
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'desktop', use: { browserName: 'chromium', viewport: { width: 1280, height: 800 } } },
    { name: 'mobile', use: { browserName: 'chromium', viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
  ],
  webServer: {
    // A fresh database and Redis database for every run, then migrate and serve.
    command: 'node apps/web-e2e/prepare-state.mjs && node dist/apps/api/database/cli.js migrate && node dist/apps/api/main.js',
    cwd: workspace,
    url: `${baseURL}/health/ready`,
    timeout: 90_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === '1',
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      APP_URL: baseURL,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beaker_e2e',
      REDIS_URL: process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/3',
      WORKERS: 'inline',
      PROVIDERS: 'sandbox',
      ADMIN_EMAILS: 'admin@beaker.test',
      // The tests' requests say which network they come from (X-Forwarded-For, set by support.ts), as a
      // load balancer in front of the app would: one trusted hop.
      TRUST_PROXY: '1',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      // See clock-offset.ts: 0 unless it is night in every US time zone.
      CLOCK_OFFSET_MS: String(clockOffsetMs),
    },
  },
});
