import { expect, type Page } from '@playwright/test';
import { expectAccessiblePage, expectNoHorizontalScroll, freshEmail, setupNetwork, signIn, snap, test } from './support';

const AREA_CODES = ['201', '206', '212', '303', '305', '312', '404', '503', '512', '617', '646', '702', '720', '801', '919'];

/** A fictional number (NPA-555-01XX) that earlier runs are unlikely to have used for a trial. */
function freshPhone(): { e164: string; areaCode: string } {
  const areaCode = AREA_CODES[Math.floor(Math.random() * AREA_CODES.length)];
  const line = String(100 + Math.floor(Math.random() * 100)).padStart(4, '0');
  return { e164: `+1${areaCode}555${line}`, areaCode };
}

/** A trial created through the API (the trial's own screens have their own browser test). */
async function createTrial(page: Page, businessName: string, phone: string): Promise<string> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'beaker_csrf')?.value;
  expect(csrf, 'the CSRF cookie after sign-in').toBeTruthy();
  const res = await page.request.post('/v1/trials', {
    data: { industry: 'hvac', businessName, scenario: 'lead_intake', phone },
    headers: { 'X-CSRF-Token': csrf!, ...setupNetwork() },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test.describe('going live, end to end', () => {
  test('trial → "Go live" → sandbox checkout → the dashboard shows the business live with its number → an inbound call lands in the calls list with its transcript', async ({
    page,
  }, testInfo) => {
    // Checkout, setup (assistant, number, wiring), and a whole sandbox inbound call.
    test.setTimeout(150_000);
    const email = freshEmail(testInfo);
    const phone = freshPhone();
    const business = `Northside Heating ${testInfo.project.name} ${Date.now() % 100_000}`;

    let trialId = '';
    await test.step('a signed-in prospect with a trial opens "Go live"', async () => {
      await signIn(page, email, '/app');
      await expect(page.getByTestId('signed-in-email')).toHaveText(email);
      trialId = await createTrial(page, business, phone.e164);
      await page.goto(`/go-live?trialId=${trialId}`);
      await expect(page.getByRole('heading', { level: 1, name: `Put ${business}'s agent on your phone line` })).toBeVisible();
      await expect(page.getByRole('radio', { name: /Starter/ })).toBeChecked();
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, 'go-live-01-plans');
    });

    await test.step('the plan opens the sandbox checkout with the price and the email', async () => {
      await page.getByRole('button', { name: 'Continue to payment' }).click();
      await expect(page).toHaveURL(/\/sandbox\/checkout\/cs_test_sbx_[0-9a-f]+$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Subscribe to Beaker Starter' })).toBeVisible();
      await expect(page.getByTestId('amount-due')).toHaveText('$99.00');
      await expect(page.getByText(email)).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, 'go-live-02-checkout');
    });

    let number = '';
    await test.step('"Pay" → the welcome page waits for the business → the dashboard shows it active, set up, with a local number', async () => {
      await page.getByRole('button', { name: 'Pay $99.00' }).click();
      await expect(page).toHaveURL(/\/app\/businesses\/[0-9a-f-]{36}$/, { timeout: 20_000 });
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByTestId('business-name')).toHaveText(business);
      await expect(page.getByTestId('business-status')).toHaveText('Active');
      const numberLink = page.getByTestId('business-number').getByRole('link');
      await expect(numberLink).toBeVisible({ timeout: 30_000 });
      number = (await numberLink.getAttribute('href'))!.replace(/^tel:/, '');
      // Near the customer: the trial phone's area code.
      expect(number).toMatch(new RegExp(`^\\+1${phone.areaCode}555\\d{4}$`));
      await expect(page.getByTestId('calls-used')).toHaveText('0');
      await expect(page.getByText('No calls yet.')).toBeVisible();
      // The Leads tile's three counts sit side by side in tinted boxes (its stylesheet loads with the overview).
      const counts = ['leads-called', 'leads-deferred', 'leads-blocked'].map((id) => page.getByTestId(id));
      const boxes = await Promise.all(counts.map((count) => count.locator('..').boundingBox()));
      expect(new Set(boxes.map((box) => Math.round(box!.y))).size, 'the counts on one row').toBe(1);
      await expect(counts[0].locator('..')).not.toHaveCSS('background-color', 'rgba(0, 0, 0, 0)');
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, 'go-live-03-dashboard');
    });

    await test.step('someone calls the number: the call appears in the calls list and its report has the transcript', async () => {
      const res = await page.request.post('/v1/sandbox/inbound-calls', { data: { to: number, from: '+13125550142', callerName: 'Dana Reyes' } });
      expect(res.status()).toBe(202);
      expect(((await res.json()) as { answeredWith: string }).answeredWith).toBe('assistant');

      await page.getByRole('navigation', { name: 'Business' }).getByRole('link', { name: 'Calls' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Calls' })).toBeVisible();
      const row = page.getByTestId('call-list').getByRole('listitem').first();
      // The list refreshes on its own; the call is listed once it has ended.
      await expect(row).toContainText('Completed', { timeout: 30_000 });
      await expect(row).toContainText('Dana Reyes');
      await expect(row).toContainText('Inbound');
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, 'go-live-04-calls');

      await row.getByRole('link').click();
      await expect(page.getByRole('heading', { level: 1, name: 'Incoming call' })).toBeVisible();
      const transcript = page.getByRole('list', { name: 'Transcript' });
      await expect(transcript.getByRole('listitem').first()).toContainText(`Thanks for calling ${business}`);
      expect(await transcript.getByRole('listitem').count()).toBeGreaterThan(4);
      await expect(page.locator('.lead-card')).toContainText('Dana Reyes');
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, 'go-live-05-call-report');
    });

    await test.step('the usage meter counted the call; billing opens the sandbox portal', async () => {
      await page.getByRole('navigation', { name: 'Business' }).getByRole('link', { name: 'Overview' }).click();
      await expect(page.getByTestId('calls-used')).toHaveText('1');
      await page.getByRole('navigation', { name: 'Business' }).getByRole('link', { name: 'Billing' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
      await page.getByRole('button', { name: 'Manage billing' }).click();
      await expect(page).toHaveURL(/\/sandbox\/portal\/cus_sbx_[0-9a-f]+$/);
      await expect(page.getByTestId('portal-plan')).toHaveText('Starter');
      await expect(page.getByTestId('portal-status')).toHaveText('Active');
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, 'go-live-06-portal');
    });
  });
});
