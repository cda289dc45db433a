import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIResponse, type Page, type TestInfo } from '@playwright/test';
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
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder.exclude(selector);
  const { violations } = await builder.analyze();
  const found = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, 'axe-core violations').toEqual([]);
}

/**
 * The page's last card ends at least `minPx` above the footer (cards touching the footer, issue 18):
 * measured in page coordinates, whatever the scroll.
 */
export async function expectRoomAboveFooter(page: Page, minPx = 16): Promise<number> {
  const gap = await page.evaluate(() => {
    const cards = Array.from(document.querySelectorAll('main .card'), (el) => el.getBoundingClientRect().bottom);
    const footer = document.querySelector('.site-footer')?.getBoundingClientRect().top;
    if (cards.length === 0 || footer === undefined) return null;
    return footer - Math.max(...cards);
  });
  expect(gap, 'a card and the footer on the page').not.toBeNull();
  expect(gap!, 'space between the last card and the footer (px)').toBeGreaterThanOrEqual(minPx);
  return gap!;
}

/** Nothing may be wider than the screen: at 375 px a horizontal scrollbar means a broken layout. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, 'page is wider than the viewport').toBeLessThanOrEqual(0);
}

/** Signs in through the real flow: a magic link from the development inbox, opened in the page. */
export async function signIn(page: Page, email: string, next = '/app'): Promise<void> {
  const linkPattern = /(https?:\/\/\S+\/auth\/verify\?token=\S+)/;
  // The inbox lists newest first and holds other mail too (a welcome, a receipt): the link is the
  // newest message that carries one, once there is one more of them than before the request.
  const links = async () => {
    const res = await page.request.get(`/v1/sandbox/emails?to=${encodeURIComponent(email)}`);
    const { items } = (await res.json()) as { items: { text: string }[] };
    return items.map((item) => linkPattern.exec(item.text)?.[1]).filter((found): found is string => Boolean(found));
  };
  const before = (await links()).length;
  // A set-up request: from a network of its own, so that the journeys together stay under the per-IP sign-in limit.
  const requested = await page.request.post('/v1/auth/magic-links', { data: { email, redirectTo: next }, headers: setupNetwork() });
  expect(requested.status()).toBe(202);
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const found = await links();
        link = found.length > before ? found[0] : undefined;
        return link;
      },
      { timeout: 10_000, message: 'a sign-in link in the development inbox' },
    )
    .toBeTruthy();
  await page.goto(new URL(link!).pathname + new URL(link!).search);
  // The link's page waits for a press (mail scanners must not use links up).
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByTestId('signed-in-email')).toHaveText(email);
}

/** The signed-in page's CSRF header, for its state-changing requests through page.request. */
export async function csrfHeader(page: Page): Promise<Record<string, string>> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'beaker_csrf')?.value;
  expect(csrf, 'the CSRF cookie after sign-in').toBeTruthy();
  return { 'X-CSRF-Token': csrf! };
}

/** The answer's JSON, after checking its status (the body is the failure message otherwise). */
export async function json<T>(res: APIResponse, status: number): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

/**
 * A live business with its number set up, owned by the signed-in customer: a trial, the sandbox
 * checkout and the setup, through the API (the go-live journey has its own test).
 */
export async function liveBusiness(page: Page, name: string, options: { verifyPhone?: boolean } = {}): Promise<{ id: string; number: string; phone: string }> {
  const headers = await csrfHeader(page);
  const phone = `+1303555${String(100 + Math.floor(Math.random() * 100)).padStart(4, '0')}`;
  const trial = await json<{ id: string }>(await page.request.post('/v1/trials', { data: { industry: 'hvac', businessName: name, scenario: 'lead_intake', phone }, headers: { ...headers, ...setupNetwork() } }), 201);
  if (options.verifyPhone) {
    // The trial's phone proved by its texted code (what "Hear your agent" calls).
    await json(await page.request.post(`/v1/trials/${trial.id}/verification`, { headers: { ...headers, ...setupNetwork() } }), 202);
    let code: string | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await json<{ items: { body: string }[] }>(await page.request.get(`/v1/sandbox/messages?to=${encodeURIComponent(phone)}`), 200);
          code = /\b(\d{6})\b/.exec(items[0]?.body ?? '')?.[1];
          return code;
        },
        { timeout: 10_000, message: `a code texted to ${phone}` },
      )
      .toMatch(/^\d{6}$/);
    await json(await page.request.post(`/v1/trials/${trial.id}/verification/confirm`, { data: { code }, headers: { ...headers, ...setupNetwork() } }), 200);
  }
  const session = await json<{ id: string }>(await page.request.post('/v1/billing/checkout-sessions', { data: { plan: 'starter', trialId: trial.id }, headers }), 201);
  expect((await page.request.post(`/v1/sandbox/checkout-sessions/${session.id}/pay`, { headers })).ok()).toBe(true);
  let businessId: string | null = null;
  await expect
    .poll(
      async () => {
        businessId = (await json<{ businessId: string | null }>(await page.request.get(`/v1/billing/checkout-sessions/${session.id}`), 200)).businessId;
        return businessId;
      },
      { timeout: 20_000, message: 'the business created from the payment' },
    )
    .toBeTruthy();
  let number = '';
  await expect
    .poll(
      async () => {
        const overview = await json<{ provisioning: { status: string }; phoneNumber: { e164: string } | null }>(await page.request.get(`/v1/businesses/${businessId}/overview`), 200);
        number = overview.phoneNumber?.e164 ?? '';
        return overview.provisioning.status;
      },
      { timeout: 30_000, message: "the business's number and assistant set up" },
    )
    .toBe('done');
  return { id: businessId!, number, phone };
}
