import { expect, request, type Page } from '@playwright/test';
import { expectAccessiblePage, expectNoAxeViolations, expectNoHorizontalScroll, freshEmail, json, liveBusiness, signIn, snap, test } from './support';

/*
 * The admin panel (issue 16): staff find a business by its phone number, open one of its calls and
 * the webhook events it brought, replay one, and see the replay in the audit log; they suspend the
 * owner, whose next request fails. A customer at /admin sees "Staff only"; a visitor, the sign-in page.
 * Staff are the emails of ADMIN_EMAILS (playwright.config.ts): admin@beaker.test.
 */
const STAFF_EMAIL = 'admin@beaker.test';

/** Signs in with the real magic link (read from the development inbox); the link lands on /app. */
/** "+13035550142" → "(303) 555-0142", the way a person types a number into the search box. */
function typed(e164: string): string {
  return `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
}

async function checkPage(page: Page): Promise<void> {
  await expectAccessiblePage(page);
  // The health page frames bull-board's own UI (a library's page, not ours): its findings are bull-board's.
  await expectNoAxeViolations(page, { exclude: ['iframe[title="Queue dashboard"]'] });
  await expectNoHorizontalScroll(page);
}

test.describe('the admin panel', () => {
  test('signed out → sign-in; a customer → "Staff only"; staff: phone number → business → call → webhook event → replay → audit log; suspend the owner, whose next request fails', async ({
    page,
    context,
    baseURL,
  }, testInfo) => {
    // A business set up, a whole sandbox call, then the staff journey over eight pages (and the weekly report preview).
    test.setTimeout(240_000);
    const customerEmail = freshEmail(testInfo);
    const businessName = `Admin Air ${testInfo.project.name} ${Date.now() % 100_000}`;

    await test.step('the landing page loads no admin code; /admin fetches its chunk; signed out, it is the sign-in page', async () => {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((path) => path.includes('admin'))).toEqual([]);
      await page.goto('/admin/audit');
      await expect(page).toHaveURL(/\/sign-in\?next=%2Fadmin%2Faudit$/);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(scripts.filter((path) => /\/assets\/admin-app-[\w-]+\.js$/.test(path))).toHaveLength(1);
    });

    let business = { id: '', number: '' };
    await test.step('a customer with a live business, called once; at /admin they are told it is staff only', async () => {
      await signIn(page, customerEmail);
      business = await liveBusiness(page, businessName);
      const call = await page.request.post('/v1/sandbox/inbound-calls', { data: { to: business.number, from: '+13125550142', callerName: 'Dana Reyes' } });
      expect(call.status()).toBe(202);
      await expect
        .poll(async () => (await json<{ items: { status: string }[] }>(await page.request.get(`/v1/businesses/${business.id}/calls`), 200)).items[0]?.status, {
          timeout: 30_000,
          message: 'the inbound call ended',
        })
        .toBe('completed');

      await page.goto('/admin');
      await expect(page.getByRole('heading', { level: 1, name: 'Staff only' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText(customerEmail);
      await expect(page.getByRole('search')).toHaveCount(0);
      await checkPage(page);
      await snap(page, testInfo, 'admin-01-staff-only');
    });

    // The customer's session, kept apart: the staff member signs in in this browser next.
    const customer = await request.newContext({ baseURL, storageState: await context.storageState() });
    expect((await customer.get('/v1/me')).status()).toBe(200);

    await test.step('staff sign in; `/` focuses the search box; a phone number as people type it finds the number, linked to its business', async () => {
      await signIn(page, STAFF_EMAIL);
      await page.goto('/admin');
      await expect(page.getByRole('heading', { level: 1, name: 'Beaker admin' })).toBeVisible();
      await checkPage(page);
      await snap(page, testInfo, 'admin-02-start');

      const box = page.getByRole('searchbox', { name: /Search users, businesses, phone numbers/ });
      await page.locator('body').press('/');
      await expect(box).toBeFocused();
      await box.fill(typed(business.number));
      await box.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: `Results for “${typed(business.number)}”` })).toBeVisible();
      const hit = page.getByRole('list', { name: 'Search results' }).getByRole('listitem').filter({ hasText: businessName });
      await expect(hit).toHaveAttribute('data-kind', 'phone_number');
      await expect(hit).toContainText('Phone number');
      await checkPage(page);
      await snap(page, testInfo, 'admin-03-search');
      await hit.getByRole('link', { name: 'Its business' }).click();
    });

    await test.step('the business page: overview, Stripe ids, members, the call', async () => {
      await expect(page.getByRole('heading', { level: 1, name: businessName })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Stripe' })).toContainText('cus_');
      await expect(page.getByRole('region', { name: 'Members' })).toContainText(customerEmail);
      const calls = page.getByTestId('business-calls');
      await expect(calls).toContainText('Inbound');
      await checkPage(page);
      await snap(page, testInfo, 'admin-04-business');
    });

    await test.step("the business's weekly report email, previewed: last week's figures, both parts, nothing sent", async () => {
      const section = page.getByRole('region', { name: 'Weekly report' });
      await section.getByRole('button', { name: 'Preview weekly report' }).click();
      await expect(section.getByRole('heading', { name: new RegExp(`^Your week at ${businessName}: \\d+ calls?, \\d+ leads? \\(`) })).toBeVisible();
      const frame = page.frameLocator('iframe[title^="Weekly report preview"]');
      await expect(frame.getByRole('link', { name: 'Open your dashboard' })).toBeVisible();
      await expect(frame.getByRole('rowheader', { name: 'Calls' })).toBeVisible();
      await section.getByText('Plain-text version').click();
      await expect(section).toContainText('Calls: ');
      await checkPage(page);
      await snap(page, testInfo, 'admin-04b-weekly-report-preview');
      await page.getByTestId('business-calls').getByRole('link').first().click();
    });

    await test.step('the call → the webhook events received while it lasted → its end-of-call report', async () => {
      await expect(page.getByRole('heading', { level: 1, name: /^Inbound call, / })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Transcript' })).toContainText(`Thanks for calling ${businessName}`);
      await checkPage(page);
      await snap(page, testInfo, 'admin-05-call');
      await page.getByRole('link', { name: 'Webhook events received during this call' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Webhook events' })).toBeVisible();
      const report = page.getByTestId('webhook-events').getByRole('link', { name: 'vapi end-of-call-report' });
      await expect(report.first()).toBeVisible();
      await checkPage(page);
      await snap(page, testInfo, 'admin-06-webhook-events');
      await report.first().click();
    });

    let eventId = '';
    await test.step('replay, behind a confirmation', async () => {
      await expect(page.getByRole('heading', { level: 1, name: 'vapi end-of-call-report' })).toBeVisible();
      eventId = page.url().split('/').pop()!;
      await page.getByRole('button', { name: 'Replay…' }).click();
      const dialog = page.getByRole('alertdialog', { name: 'Replay this event?' });
      await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
      await checkPage(page);
      await snap(page, testInfo, 'admin-07-replay-confirm');
      await dialog.getByRole('button', { name: 'Replay event' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Replayed: attempt 2' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Timeline' })).toContainText('replayed by staff');
    });

    await test.step('the audit log shows the replay', async () => {
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
      const row = page.getByTestId('audit-table').getByRole('row').filter({ has: page.locator(`a[href="/admin/webhook-events/${eventId}"]`) });
      await expect(row).toContainText('webhook_event.replay');
      await checkPage(page);
      await snap(page, testInfo, 'admin-08-audit-log');
    });

    await test.step('abuse review, do not call and health: each a page of its own', async () => {
      const nav = page.getByRole('navigation', { name: 'Admin' });
      for (const [link, heading, shot] of [
        ['Abuse', 'Abuse review', 'admin-09-abuse'],
        ['Do not call', 'Do not call', 'admin-10-dnc'],
        ['Health', 'Health', 'admin-11-health'],
      ] as const) {
        await nav.getByRole('link', { name: link, exact: true }).click();
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
        await expect(page.getByText('Loading…')).toHaveCount(0);
        await checkPage(page);
        await snap(page, testInfo, shot);
      }
      // The providers were called during setup: their breakers are listed, closed.
      await expect(page.getByTestId('circuit-breakers')).toContainText('Closed');
    });

    await test.step('suspend the owner, with a reason: their next request fails, and the audit log says who and why', async () => {
      await page.goto(`/admin/businesses/${business.id}`);
      await page.getByRole('region', { name: 'Members' }).getByRole('link', { name: customerEmail }).click();
      await expect(page.getByRole('heading', { level: 1, name: customerEmail })).toBeVisible();
      await page.getByRole('button', { name: 'Suspend', exact: true }).click();
      const dialog = page.getByRole('alertdialog', { name: `Suspend ${customerEmail}?` });
      await expect(dialog.getByLabel('Reason')).toBeFocused();
      await dialog.getByLabel('Reason').fill('Chargeback fraud (browser test)');
      await checkPage(page);
      await snap(page, testInfo, 'admin-12-suspend-confirm');
      await dialog.getByRole('button', { name: 'Suspend user' }).click();
      await expect(page.getByRole('status').filter({ hasText: /^Suspended\. \d+ sessions? signed out\.$/ })).toBeVisible();
      await expect(page.getByTestId('user-standing')).toHaveText('Suspended');
      await expect(page.getByRole('button', { name: 'Lift suspension' })).toBeFocused();
      await expect(page.getByRole('region', { name: 'Audit' })).toContainText('user.suspend');
      await checkPage(page);
      await snap(page, testInfo, 'admin-13-suspended');

      const refused = await customer.get('/v1/me');
      expect(refused.status()).toBe(401);
      await customer.dispose();
    });
  });
});
