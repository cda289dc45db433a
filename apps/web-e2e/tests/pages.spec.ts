import { expect } from '@playwright/test';
import { expectAccessiblePage, expectNoHorizontalScroll, snap, test } from './support';

// The a11y smoke for the pages the sign-in journey does not pass through.
test.describe('every page is named, labelled and fits the screen', () => {
  test('unknown routes get a 404 page that leads back home', async ({ page }, testInfo) => {
    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1, name: "We couldn't find that page" })).toBeVisible();
    await expect(page.getByText('/no/such/page')).toBeVisible();
    await expectAccessiblePage(page);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, '10-not-found');
    await page.getByRole('link', { name: 'Go to the home page' }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test('the development inbox for an address with no mail says so', async ({ page }, testInfo) => {
    await page.goto('/dev/inbox?to=nobody-yet@beaker.test');
    await expect(page.getByText('No emails for nobody-yet@beaker.test yet.', { exact: false })).toBeVisible();
    await expectAccessiblePage(page);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, '11-dev-inbox-empty');
  });

  test('the SMS inbox lists text messages for a number', async ({ page }, testInfo) => {
    await page.goto('/dev/messages');
    await page.getByLabel('Phone number').fill('+15005550006');
    await page.getByRole('button', { name: 'Show messages' }).click();
    await expect(page).toHaveURL(/\/dev\/messages\?to=%2B15005550006$/);
    await expect(page.getByText(/text messages for \+15005550006/)).toBeVisible();
    await expectAccessiblePage(page);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, '12-dev-messages');
  });

  test('signed-out pages make no failing request, log no console error and ask no other host', async ({ page, baseURL }) => {
    const problems: string[] = [];
    const ours = new URL(baseURL!).host;
    page.on('requestfailed', (request) => problems.push(`failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.request().method()} ${response.url()}`);
    });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (/^https?:$/.test(url.protocol) && url.host !== ours) problems.push(`another host: ${request.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    for (const path of ['/', '/sign-in', '/dev/inbox?to=nobody-yet@beaker.test', '/no/such/page']) {
      await page.goto(path);
      await expect(page.locator('h1')).toHaveCount(1);
      // The header's session probe has answered (signed out: the Sign in link).
      await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    expect(problems).toEqual([]);
  });

  test('signed out, the trial builder is open (no sign-in first: it asks for the email) and protected pages redirect', async ({ page }) => {
    await page.goto('/try');
    await expect(page).toHaveURL(/\/try$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Build your agent' })).toBeVisible();
    await expect(page.getByLabel('Your email')).toBeVisible();
    await page.goto('/try/00000000-0000-4000-8000-000000000000');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftry%2F00000000-0000-4000-8000-000000000000$/);
    await page.goto('/app');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fapp$/);
  });
});
