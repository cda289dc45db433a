import { expect } from '@playwright/test';
import { expectAccessiblePage, expectNoAxeViolations, expectNoHorizontalScroll, expectRoomAboveFooter, freshEmail, json, liveBusiness, signIn, snap, test } from './support';

/*
 * The customer's dashboard (issue 18): the overview, assistant and team pages pass axe and leave
 * room between their last card and the footer (1280 and 375 px); a plan change shows its price
 * and proration before it applies, and applies what it showed.
 */
test.describe('dashboard', () => {
  test('overview, assistant and team pages: accessible, cards clear of the footer; Billing confirms a plan change’s figures first', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    const name = `Dashboard HVAC ${testInfo.project.name} ${Date.now() % 100_000}`;
    await signIn(page, freshEmail(testInfo), '/app');
    const business = await liveBusiness(page, name, { verifyPhone: true });
    const nav = page.getByRole('navigation', { name: 'Business' });

    await test.step('the overview (dashboard)', async () => {
      await page.goto(`/app/businesses/${business.id}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByTestId('business-number').getByRole('link')).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '70-dashboard-overview');
    });

    await test.step('"Hear your agent": the assistant calls the verified phone; the call shows live, then its report', async () => {
      await page.getByRole('button', { name: 'Call my phone now' }).click();
      const live = page.getByTestId('test-call');
      await expect(live.getByTestId('call-status')).toHaveText(/Calling your phone…|Ringing|On the call/);
      // The call's progress steps, inside the checklist, draw no checklist tick over their own labels.
      const step = live.getByRole('list', { name: 'Call progress' }).getByRole('listitem').first();
      expect(await step.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('none');
      await expectNoAxeViolations(page);
      await snap(page, testInfo, '70b-dashboard-test-call-live');
      await expect(live.getByTestId('call-status')).toHaveText('Call ended', { timeout: 30_000 });
      await live.getByRole('link', { name: 'Read the call’s report' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').first()).toBeVisible();
      await expect(page.getByText('Test call').first()).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '70c-dashboard-test-call-report');
      const calls = await json<{ items: { direction: string; to: string }[] }>(await page.request.get(`/v1/businesses/${business.id}/calls?direction=outbound_test`), 200);
      expect(calls.items).toEqual([expect.objectContaining({ direction: 'outbound_test', to: business.phone })]);
    });

    await test.step('the assistant page: its card clear of the footer', async () => {
      await nav.getByRole('link', { name: 'Assistant' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Assistant' })).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      testInfo.annotations.push({ type: 'assistant-card-to-footer-px', description: String(await expectRoomAboveFooter(page)) });
      await snap(page, testInfo, '71-dashboard-assistant');
    });

    await test.step('the team page: its cards clear of the footer', async () => {
      await nav.getByRole('link', { name: 'Team' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
      await expect(page.locator('main .card').last()).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      testInfo.annotations.push({ type: 'team-card-to-footer-px', description: String(await expectRoomAboveFooter(page)) });
      await snap(page, testInfo, '72-dashboard-team');
    });

    await test.step('Billing: switching to Pro shows the price, what is due today and the next invoice, then applies them', async () => {
      await nav.getByRole('link', { name: 'Billing' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
      await page.getByRole('button', { name: 'Switch to Pro' }).click();
      const confirm = page.getByTestId('plan-change-confirm');
      await expect(confirm).toContainText('$299.00 a month');
      // Seconds into a month: about −$99 + $299 due today.
      const due = (await confirm.locator('.facts__row').filter({ hasText: 'Due today' }).locator('dd').textContent())!;
      const cents = Math.round(Number(due.replace(/[$,]/g, '')) * 100);
      expect(cents).toBeGreaterThan(19_900);
      expect(cents).toBeLessThanOrEqual(20_000);
      await expect(confirm.locator('.facts__row').filter({ hasText: 'Next invoice' })).toContainText('$299.00 on');
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '73-billing-plan-change-confirm');
      await confirm.getByRole('button', { name: `Switch and pay ${due}` }).click();
      await expect(page.getByTestId('plan-changed')).toContainText(`We charged ${due}`);
      await expect(page.getByRole('heading', { level: 2, name: /^Pro plan/ })).toBeVisible({ timeout: 15_000 });
      await snap(page, testInfo, '74-billing-plan-changed');
    });
  });
});
