import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import { expectAccessiblePage, freshEmail, json, liveBusiness, signIn, snap, test } from './support';

/*
 * Analytics (issue 17): an owner whose business took a call today opens Analytics, sees it in the
 * tiles (today comes live), switches to yesterday (nothing then: the tiles change), and exports
 * the chart's points as CSV.
 */
test.describe('analytics: the owner’s figures', () => {
  test('open Analytics, change the range, the tiles change, export CSV', async ({ page }, testInfo) => {
    await signIn(page, freshEmail(testInfo), '/app');
    const business = await liveBusiness(page, `Charted HVAC ${testInfo.project.name} ${Date.now() % 100_000}`);
    const call = await page.request.post('/v1/sandbox/inbound-calls', { data: { to: business.number, from: '+13125550142', callerName: 'Dana Reyes' } });
    expect(call.status()).toBe(202);
    await expect
      .poll(async () => (await json<{ items: { status: string }[] }>(await page.request.get(`/v1/businesses/${business.id}/calls`), 200)).items[0]?.status, {
        timeout: 30_000,
        message: 'the inbound call ended',
      })
      .toBe('completed');

    await page.goto(`/app/businesses/${business.id}`);
    await page.getByRole('navigation', { name: 'Business' }).getByRole('link', { name: 'Analytics' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
    const calls = page.getByTestId('tile-calls');
    await expect(calls.locator('.analytics-tile__value')).toHaveText('1');
    await expect(page.getByTestId('tile-answeredRate')).toContainText('100%');
    await expect(page.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
    await expectAccessiblePage(page);
    await snap(page, testInfo, 'analytics-01-last-30-days');

    await page.getByRole('button', { name: 'Yesterday' }).click();
    await expect(page).toHaveURL(/range=yesterday/);
    await expect(calls.locator('.analytics-tile__value')).toHaveText('0');
    await expect(page.getByTestId('tile-answeredRate').locator('.analytics-tile__value')).toHaveText('—');
    await snap(page, testInfo, 'analytics-02-yesterday');

    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect(calls.locator('.analytics-tile__value')).toHaveText('1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^analytics-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-by-day\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).trim().split('\r\n');
    expect(csv[0]).toBe('period start,calls,inbound,outbound to leads,answered,ended,minutes,leads,time to call p50 (s),time to call p90 (s)');
    expect(csv).toHaveLength(8);
    // Seven days, the call in one of them (the server's today).
    expect(csv.slice(1).reduce((sum, row) => sum + Number(row.split(',')[1]), 0)).toBe(1);
  });
});
