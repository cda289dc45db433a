import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { e2eClockOffsetMs } from '../clock-offset';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SCREENSHOTS = resolve(__dirname, '../artifacts/screenshots');

/** The server's clock, as the tests must reckon with it (see clock-offset.ts). */
export function serverNow(): Date {
  return new Date(Date.now() + e2eClockOffsetMs());
}

/**
 * Playwright's `test`, with every browser context on the server's clock: when the run is shifted
 * (clock-offset.ts), the pages' Date starts at the server's time and runs on from there.
 */
export const test = base.extend({
  context: async ({ context }, use) => {
    const offset = e2eClockOffsetMs();
    if (offset !== 0) await context.clock.install({ time: Date.now() + offset });
    await use(context);
  },
});

/**
 * Headers for a test's set-up requests through the API (page.request): they come from a network of
 * their own (a random documentation address, 198.51.100.0/24, through the one proxy hop the server
 * trusts: TRUST_PROXY=1 in playwright.config.ts), as separate customers do. The journeys' own pages
 * keep the browser's address, so the per-IP limits (10 trials an hour, 20 sign-in links) count what
 * the journeys do, not every set-up of the run.
 */
export function setupNetwork(): { 'X-Forwarded-For': string } {
  return { 'X-Forwarded-For': `198.51.100.${1 + Math.floor(Math.random() * 254)}` };
}

/** A full-page screenshot kept under artifacts/screenshots/<project>/, and attached to the report. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = join(SCREENSHOTS, testInfo.project.name);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // From the top, so the sticky header is not painted over the middle of a full-page capture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** An address no earlier run has used, so every run signs up a brand-new person. */
export function freshEmail(testInfo: TestInfo): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `e2e-${testInfo.project.name}-${Date.now()}-${random}@beaker.test`;
}

const INTERACTIVE = [
  'a[href]',
  'button',
  'input:not([type="hidden"])',
  'select',
  'textarea',
  'summary',
  'iframe',
  '[role="button"]',
  '[role="link"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * The a11y smoke: the page is in a language, has one h1, and every visible interactive element
 * has an accessible name as the browser computes it (label, text, aria-label, title).
 */
export async function expectAccessiblePage(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', /\w+/);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.locator('main')).toHaveCount(1);
  const elements = page.locator(INTERACTIVE);
  // One round trip to find what a person can see (the skip link is off-screen until focused, and
  // still must have a name); then the browser's own accessible-name computation for each.
  const shown = await elements.evaluateAll((nodes) =>
    nodes.flatMap((node, index) =>
      (node as HTMLElement).checkVisibility() || node.classList.contains('skip-link') ? [{ index, html: node.outerHTML.slice(0, 120) }] : [],
    ),
  );
  expect(shown.length).toBeGreaterThan(0);
  for (const { index, html } of shown) {
    await expect(elements.nth(index), `interactive element ${html}`).toHaveAccessibleName(/\S/);
  }
  for (const image of await page.locator('img').all()) {
    await expect(image).toHaveAttribute('alt', /.*/);
  }
}

/** axe-core's WCAG 2.1 A and AA rules: no violation on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, 'axe-core violations').toEqual([]);
}

/** Nothing may be wider than the screen: at 375 px a horizontal scrollbar means a broken layout. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page is wider than the viewport').toBeLessThanOrEqual(0);
}
