import { expect } from '@playwright/test';
import { expectAccessiblePage, expectNoAxeViolations, expectNoHorizontalScroll, freshEmail, json, liveBusiness, signIn, snap, test } from './support';

/*
 * Staff analytics (issue 17): a prospect signs up, starts a trial and pays (a live business: MRR, and a
 * signup of this week that got as far as the funnel counts it); staff open Analytics from the admin
 * nav, see MRR and the funnel as the API computes them, and change the range.
 */
const STAFF_EMAIL = 'admin@beaker.test';
const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

interface MrrReport {
  periods: { start: string; newCents: number; endingMrrCents: number }[];
}
interface FunnelReport {
  rows: { group: string; steps: { step: string; count: number }[] }[];
  total: { steps: { step: string; count: number }[] };
}

test.describe('admin analytics: MRR and the trial funnel', () => {
  test('staff open Analytics, see MRR and the funnel, change the range', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await signIn(page, freshEmail(testInfo), '/app');
    await liveBusiness(page, `Funnel Air ${testInfo.project.name} ${Date.now() % 100_000}`);

    await signIn(page, STAFF_EMAIL);
    await page.goto('/admin');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Analytics', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/analytics$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    await expect(page.getByRole('button', { name: '6 months' })).toHaveAttribute('aria-pressed', 'true');

    // What the API says for the same range (six UTC months to today): the page shows those figures.
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const sixMonthsFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1)).toISOString().slice(0, 10);
    const mrr = await json<MrrReport>(await page.request.get(`/v1/admin/analytics/mrr?from=${sixMonthsFrom}&to=${today}`), 200);
    const thisMonth = mrr.periods[mrr.periods.length - 1];
    // The business just paid for Starter: at least its $99 is new this month.
    expect(thisMonth.newCents).toBeGreaterThanOrEqual(9900);
    const mrrTable = page.getByTestId('mrr-table');
    await expect(mrrTable.getByRole('row')).toHaveCount(1 + 6);
    const monthRow = mrrTable.getByRole('row').filter({ hasText: thisMonth.start.slice(0, 7) });
    await expect(monthRow).toContainText(USD.format(thisMonth.newCents / 100));
    await expect(page.getByTestId('mrr-now')).toContainText(USD.format(thisMonth.endingMrrCents / 100));
    await expect(page.getByRole('figure').filter({ hasText: 'MRR and its movements' }).locator('svg.recharts-surface').first()).toBeVisible();

    const funnel = await json<FunnelReport>(await page.request.get(`/v1/admin/analytics/funnel?from=${sixMonthsFrom}&to=${today}&groupBy=week`), 200);
    const [signups, trials] = funnel.total.steps;
    expect(signups.count).toBeGreaterThanOrEqual(1);
    expect(trials.count).toBeGreaterThanOrEqual(1);
    const total = page.getByTestId('funnel-weeks').getByRole('row').filter({ hasText: 'Total' });
    await expect(total.locator('td').nth(1)).toHaveText(String(signups.count));
    await expect(total.locator('td').nth(2)).toContainText(String(trials.count));
    await expect(page.getByTestId('funnel-industries').getByRole('row').filter({ hasText: 'HVAC' }).locator('td').nth(1)).not.toHaveText('0');

    await expectAccessiblePage(page);
    await expectNoAxeViolations(page);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, 'admin-analytics-01-six-months');

    await page.getByRole('button', { name: '3 months' }).click();
    await expect(page).toHaveURL(/range=3m/);
    await expect(mrrTable.getByRole('row')).toHaveCount(1 + 3);
    await expect(page.getByTestId('funnel-weeks').getByRole('row').filter({ hasText: 'Total' }).locator('td').nth(1)).toHaveText(String(signups.count));
    await snap(page, testInfo, 'admin-analytics-02-three-months');
  });
});
