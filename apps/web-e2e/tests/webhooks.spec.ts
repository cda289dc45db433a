import { expect, type Page, type TestInfo } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectAccessiblePage, expectNoAxeViolations, expectNoHorizontalScroll, freshEmail, liveBusiness, signIn, snap, test } from './support';

/*
 * Outbound webhooks in the dashboard (issue 20): an owner adds an endpoint on a receiver of the
 * test's own, keeps the secret shown once, sends a test event (its signature checked here, with
 * the secret), sees a failure in the delivery log and sends it again, rotates the secret, deletes.
 */

/** Signs in with the real magic link (read from the development inbox), landing on `next`. */
async function liveBusinessOf(page: Page, testInfo: TestInfo): Promise<{ id: string; name: string }> {
  const name = `Hooked HVAC ${testInfo.project.name} ${Date.now() % 100_000}`;
  await signIn(page, freshEmail(testInfo), '/app');
  const { id } = await liveBusiness(page, name);
  return { id, name };
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** The integrator's receiver: a tiny server on a free port of this machine, answering `status`. */
async function receiver(): Promise<{ url: string; received: Received[]; answer: (status: number) => void; close: () => Promise<void> }> {
  const received: Received[] = [];
  let status = 200;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // http is allowed to localhost outside live mode (WEBHOOK_URL_POLICY=local in sandbox).
    url: `http://localhost:${port}/beaker`,
    received,
    answer: (s) => (status = s),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's own check of `Beaker-Signature: t=…,v1=…` (written apart from the sender). */
function signedWith(secret: string, { headers, body }: Received): boolean {
  const header = String(headers['beaker-signature'] ?? '');
  const parts = header.split(',').map((p) => p.split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return parts.some(([k, v]) => k === 'v1' && v === expected);
}

test.describe('webhooks: an integrator’s endpoint, from the dashboard', () => {
  test('add an endpoint and keep its secret; a signed test event; a failure retried from the delivery log; rotate; delete', async ({ page }, testInfo) => {
    const hook = await receiver();
    try {
      const business = await liveBusinessOf(page, testInfo);
      await page.goto(`/app/businesses/${business.id}`);
      await page.getByRole('navigation', { name: 'Business' }).getByRole('link', { name: 'Webhooks' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
      await expect(page.getByText(/No endpoints yet/)).toBeVisible();
      await expect(page.getByRole('complementary', { name: 'Verify signatures' })).toContainText('Beaker-Signature: t=');
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);

      // A URL the API refuses: its reason, beside the input.
      await page.getByRole('link', { name: 'Add your first endpoint' }).click();
      await page.getByLabel('Endpoint URL').fill('http://hooks.example.com/beaker');
      await page.getByRole('checkbox', { name: /lead\.created/ }).check();
      await page.getByRole('button', { name: 'Create endpoint' }).click();
      await expect(page.getByText(/This URL cannot receive webhooks/)).toBeVisible();
      await expect(page.getByLabel('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');

      await page.getByLabel('Endpoint URL').fill(hook.url);
      await page.getByLabel(/Description/).fill('CRM sync');
      await page.getByRole('button', { name: 'Create endpoint' }).click();
      const secretBox = page.getByRole('textbox', { name: 'Signing secret' });
      await expect(secretBox).toHaveValue(/^whsec_/);
      const secret = await secretBox.inputValue();
      await expect(page.getByText('Copy it now: you won’t see it again.')).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '40-webhook-secret');

      await page.getByRole('button', { name: 'I’ve stored it: go to the endpoint' }).click();
      await expect(page.getByRole('heading', { level: 1, name: hook.url })).toBeVisible();
      await expect(page.getByText(/Nothing sent yet/)).toBeVisible();

      // A test event, signed with the secret the page showed.
      await page.getByRole('button', { name: 'Send a test event' }).click();
      await expect.poll(() => hook.received.length, { timeout: 15_000, message: 'the test event at the receiver' }).toBe(1);
      expect(hook.received[0].headers['beaker-event-type']).toBe('webhook.test');
      expect(signedWith(secret, hook.received[0])).toBe(true);
      const log = page.getByRole('table', { name: 'Delivery attempts, newest first' });
      await expect(log.getByRole('row').nth(1)).toContainText('200', { timeout: 15_000 });

      // The receiver fails: the attempt is in the log; "Retry" sends it again once it is fixed.
      hook.answer(500);
      await page.getByRole('button', { name: 'Send a test event' }).click();
      await expect(log.getByRole('row').nth(1)).toContainText('500', { timeout: 15_000 });
      await log.getByRole('row').nth(1).getByRole('button', { name: /^Response of / }).click();
      await expect(page.getByText('{"ok":false}')).toBeVisible();
      hook.answer(200);
      await log.getByRole('row').nth(1).getByRole('button', { name: /^Retry / }).click();
      await expect(page.getByRole('status').filter({ hasText: /again now/ })).toBeVisible();
      await expect(log.getByRole('row').nth(1)).toContainText('Delivered', { timeout: 15_000 });
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '41-webhook-delivery-log');

      // Rotation: a new secret, once; both sign for 24 hours.
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await expect(page.getByRole('alertdialog', { name: 'Rotate the signing secret?' })).toContainText('24 hours');
      await page.getByRole('alertdialog').getByRole('button', { name: 'Rotate secret' }).click();
      await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveValue(/^whsec_/);
      const rotated = await page.getByRole('textbox', { name: 'Signing secret' }).inputValue();
      expect(rotated).not.toBe(secret);
      await page.getByRole('button', { name: 'I’ve stored it' }).click();
      const before = hook.received.length;
      await page.getByRole('button', { name: 'Send a test event' }).click();
      // During the 24-hour overlap every event carries a signature by each secret.
      await expect
        .poll(() => hook.received.slice(before).some((r) => signedWith(secret, r) && signedWith(rotated, r)), { timeout: 15_000, message: 'an event signed by both secrets' })
        .toBe(true);

      await page.getByRole('button', { name: 'Delete this endpoint' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete endpoint' }).click();
      await expect(page.getByText(`Deleted the endpoint ${hook.url}. Nothing more is sent to it.`)).toBeVisible();
      await expect(page.getByText(/No endpoints yet/)).toBeVisible();
    } finally {
      await hook.close();
    }
  });
});
