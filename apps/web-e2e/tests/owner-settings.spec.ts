import { expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectAccessiblePage, expectNoAxeViolations, expectNoHorizontalScroll, freshEmail, json, liveBusiness, signIn, snap, test } from './support';

/*
 * The owner's settings (issue 18, item 6): an API key created and shown once, then used by the
 * owner's own software to send a lead with consent; the consent in the ledger and its CSV export;
 * a number added to and taken off the do-not-call list with a reason; the calling rules saved and
 * read back; the new-lead email switch. GET /v1/businesses/:id carries the number.
 */
test.describe('owner settings', () => {
  test('API key → a lead with consent → the consent ledger and its CSV; do-not-call; calling rules; notifications', async ({ page }, testInfo) => {
    // Five pages, each checked for accessibility, after a business is set up through the API.
    test.setTimeout(240_000);
    const name = `Settings HVAC ${testInfo.project.name} ${Date.now() % 100_000}`;
    await signIn(page, freshEmail(testInfo), '/app');
    const business = await liveBusiness(page, name);
    const view = await json<{ phoneNumber: { e164: string; status: string } | null }>(await page.request.get(`/v1/businesses/${business.id}`), 200);
    expect(view.phoneNumber).toEqual({ e164: business.number, status: 'active' });

    await page.goto(`/app/businesses/${business.id}`);
    await page.getByRole('navigation', { name: 'Business' }).getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Do not call' })).toBeVisible();

    let key = '';
    await test.step('API keys: created, shown once, listed, usable', async () => {
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
      await page.getByLabel('Name').fill('Website CRM');
      await page.getByRole('button', { name: 'Create key' }).click();
      const box = page.getByRole('textbox', { name: 'API key' });
      await expect(box).toHaveValue(/^bk_test_/);
      key = await box.inputValue();
      await expect(page.getByText('Copy it now: you won’t see it again.')).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '60-settings-api-key-once');
      await page.getByRole('button', { name: 'I’ve copied it' }).click();
      await expect(box).toHaveCount(0);
      await expect(page.getByTestId('api-key-table')).toContainText('Website CRM');
      await expect(page.getByTestId('api-key-table')).toContainText(`${key.slice(0, 12)}…`);

      const lead = await page.request.post('/v1/leads', {
        headers: { authorization: `Bearer ${key}` },
        data: { phone: '+13035550199', name: 'Pat Doe', consent: { text: `I agree that ${name} may call me about my request.`, at: new Date().toISOString() } },
      });
      expect(lead.ok(), await lead.text()).toBe(true);
    });

    await test.step('consents: the exact text, and a CSV of the ledger', async () => {
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Consents' }).click();
      const table = page.getByTestId('consent-table');
      await expect(table).toContainText(`I agree that ${name} may call me about my request.`);
      await expect(table).toContainText('(303) 555-0199');
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '61-settings-consents');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.split('\r\n')[0]).toContain('consentText');
      expect(csv).toContain('+13035550199');
    });

    await test.step('do not call: added with a reason, taken off with a reason', async () => {
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Do not call' }).click();
      await page.getByLabel('Phone number').fill('+13035550177');
      await page.getByLabel('Reason').fill('Asked us not to call');
      await page.getByRole('button', { name: 'Add to the list' }).click();
      const table = page.getByTestId('dnc-table');
      await expect(table).toContainText('(303) 555-0177');
      await expect(table).toContainText('Your team');
      await page.getByLabel('Phone number').fill('303');
      await page.getByLabel('Reason').fill('typo');
      await page.getByRole('button', { name: 'Add to the list' }).click();
      await expect(page.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '62-settings-dnc');
      await table.getByRole('button', { name: 'Take off (303) 555-0177' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByLabel('Reason').fill('Customer asked to be called back');
      await dialog.getByRole('button', { name: 'Take off the list' }).click();
      await expect(page.getByText('(303) 555-0177 is off the list.')).toBeVisible();
      await page.getByLabel('Show').selectOption('removed');
      await expect(table).toContainText('Customer asked to be called back');
    });

    await test.step('calling rules: saved, and what the next check reads', async () => {
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Calling rules' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Calling rules' })).toBeVisible();
      await page.getByLabel('Time zone').selectOption('America/Denver');
      await page.getByLabel('Calls a minute, at most').fill('4');
      await page.getByRole('switch', { name: 'Call only during my own hours' }).check();
      await page.getByLabel('Friday until').fill('15:00');
      await page.getByLabel('Keep call recordings and transcripts').selectOption('90');
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '63-settings-calling-rules');
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(page.getByText('Saved: the next call is checked with these settings.')).toBeVisible();
      const saved = await json<{ timezone: string; maxCallsPerMinute: number; recordingRetentionDays: number | null; callingHours: Record<string, { from: string; to: string }[]> }>(
        await page.request.get(`/v1/businesses/${business.id}/compliance-settings`),
        200,
      );
      expect(saved).toMatchObject({ timezone: 'America/Denver', maxCallsPerMinute: 4, recordingRetentionDays: 90 });
      expect(saved.callingHours.fri).toEqual([{ from: '09:00', to: '15:00' }]);
      expect(saved.callingHours.sun).toEqual([]);
      await page.reload();
      await expect(page.getByLabel('Calls a minute, at most')).toHaveValue('4');
      await expect(page.getByLabel('Friday until')).toHaveValue('15:00');
      await expect(page.getByLabel('Keep call recordings and transcripts')).toHaveValue('90');
      // Opened directly, the page still draws its switch as a switch (the shared controls' styles are global).
      await expect(page.getByRole('switch', { name: 'Call only during my own hours' })).toHaveCSS('appearance', 'none');
    });

    await test.step('notifications: the new-lead email switch', async () => {
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Notifications' }).click();
      const toggle = page.getByRole('switch', { name: 'Email me every new lead' });
      await expect(toggle).toBeEnabled();
      const was = await toggle.isChecked();
      await toggle.setChecked(!was);
      await expect(page.getByRole('status').filter({ hasText: /^Saved:/ })).toBeVisible();
      await page.reload();
      await expect(page.getByRole('switch', { name: 'Email me every new lead' })).toBeChecked({ checked: !was });
      await expectAccessiblePage(page);
      await expectNoAxeViolations(page);
      await expectNoHorizontalScroll(page);
    });
  });
});
