import { expect } from '@playwright/test';
import { expectAccessiblePage, expectNoAxeViolations, expectNoHorizontalScroll, freshEmail, snap, test } from './support';

test.describe('sign in with a magic link', () => {
  test('a new visitor signs in from the landing page with the link from the development inbox, then signs out', async ({ page }, testInfo) => {
    // A long journey with an a11y check and screenshot per screen; shared CI machines are slow.
    test.setTimeout(120_000);
    const email = freshEmail(testInfo);

    await test.step('the landing page explains Beaker and offers the trial', async () => {
      await page.goto('/');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Every call answered');
      await expect(page.getByText('For HVAC companies, gyms and dental offices')).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page);
      await snap(page, testInfo, '01-landing');
    });

    await test.step('signing in on the way to a trial (the trial itself no longer asks for it first)', async () => {
      await page.goto('/sign-in?next=%2Ftry');
      await expect(page.getByRole('heading', { level: 1, name: 'Start your free trial' })).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page);
      await snap(page, testInfo, '02-sign-in');
    });

    await test.step('an invalid email is caught before anything is sent', async () => {
      await page.getByLabel('Work email').fill('not-an-email');
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await expect(page.getByText('Enter an email address like name@company.com.')).toBeVisible();
      await expect(page.getByLabel('Work email')).toBeFocused();
      await snap(page, testInfo, '03-sign-in-invalid');
    });

    await test.step('a fresh email gets a link, and the page says where it went', async () => {
      await page.getByLabel('Work email').fill(email);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
      await expect(page.getByText(email)).toBeVisible();
      await expect(page.getByText('expires in 20 minutes')).toBeVisible();
      await expect(page.getByRole('link', { name: 'Open the development inbox' })).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await expectNoAxeViolations(page);
      await snap(page, testInfo, '04-check-email');
    });

    await test.step('the development inbox shows the sign-in email', async () => {
      await page.getByRole('link', { name: 'Open the development inbox' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Development inbox' })).toBeVisible();
      await expect(page.getByLabel('Email address')).toHaveValue(email);
      await expect(page.getByRole('heading', { level: 2, name: 'Your Beaker sign-in link' })).toBeVisible();
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '05-dev-inbox');
    });

    await test.step('clicking the link in the email signs in and lands where the visitor was going', async () => {
      // Like a reader, bring the email to the middle of the screen first: on the phone it starts at
      // the bottom edge, where a tap on its button was sometimes lost (Playwright only scrolls an
      // element until its edge is in view).
      await page.getByRole('article', { name: 'Your Beaker sign-in link' }).evaluate((el) => el.scrollIntoView({ block: 'center' }));
      const emailFrame = page.frameLocator('iframe[title="Email: Your Beaker sign-in link"]');
      await emailFrame.getByRole('link', { name: 'Sign in to Beaker' }).click();
      // The link's page does nothing until the visitor presses "Sign in" (mail scanners open links too).
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Beaker' })).toBeVisible();
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      // The visitor was on the way to a trial: the link carried next=/try (the trial builder).
      await expect(page).toHaveURL(/\/try$/);
      const nav = page.getByRole('navigation', { name: 'Account' });
      await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await snap(page, testInfo, '06-landed-on-try');
    });

    await test.step('the signed-in home shows who is signed in', async () => {
      await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Account' }).click();
      await expect(page).toHaveURL(/\/app$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Beaker' })).toBeVisible();
      await expect(page.getByTestId('signed-in-email')).toHaveText(email);
      await expectAccessiblePage(page);
      await expectNoHorizontalScroll(page);
      await snap(page, testInfo, '07-signed-in-home');
    });

    await test.step('the session survives a reload', async () => {
      await page.reload();
      await expect(page.getByTestId('signed-in-email')).toHaveText(email);
    });

    await test.step('signing out ends the session', async () => {
      await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
      await expect(page).toHaveURL(/\/sign-in$/);
      await expect(page.getByText("You're signed out.")).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
      await snap(page, testInfo, '08-signed-out');

      // The server forgot the session too: a protected page sends us back to sign in.
      await page.goto('/app');
      await expect(page).toHaveURL(/\/sign-in\?next=%2Fapp$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Beaker' })).toBeVisible();
      const me = await page.request.get('/v1/me');
      expect(me.status()).toBe(401);
    });
  });

  test('a used link explains itself and offers a new one', async ({ page }, testInfo) => {
    await page.goto('/auth/verify?token=this-token-was-never-issued-0123456789abcdef');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: "This sign-in link doesn't work" })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible();
    await expectAccessiblePage(page);
    await expectNoHorizontalScroll(page);
    await snap(page, testInfo, '09-link-invalid');
  });

  test('the sign-in page can be used with the keyboard alone, in a sensible order', async ({ page }) => {
    await page.goto('/sign-in');
    const nav = page.getByRole('navigation', { name: 'Account' });
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();

    const expectedOrder = [
      page.getByRole('link', { name: 'Skip to main content' }),
      page.getByRole('link', { name: 'Beaker home' }),
      nav.getByRole('link', { name: 'Sign in' }),
      nav.getByRole('link', { name: 'Try it free' }),
      page.getByLabel('Work email'),
      page.getByRole('button', { name: 'Email me a sign-in link' }),
    ];
    for (const element of expectedOrder) {
      await page.keyboard.press('Tab');
      await expect(element).toBeFocused();
    }

    // The skip link jumps straight to the form.
    await page.goto('/sign-in');
    await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Work email')).toBeFocused();

    // Enter submits; the validation message is tied to the field.
    await page.keyboard.press('Enter');
    const error = page.getByText('Enter your email address.');
    await expect(error).toBeVisible();
    await expect(page.getByLabel('Work email')).toBeFocused();
    await expect(page.getByLabel('Work email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Work email')).toHaveAccessibleDescription(/Enter your email address\./);
  });
});
