import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { signedOut } from '../../../test/session';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { CheckEmailPage } from '../pages/check-email-page';
import { SignInPage } from '../pages/sign-in-page';

function renderSignIn(path = '/sign-in') {
  return renderRoutes(
    [
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/check-email', element: <CheckEmailPage /> },
    ],
    path,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('sign-in form', () => {
  it('asks for an email before calling the API, and for a well-formed one', async () => {
    const fetchMock = stubApi({ 'GET /v1/auth/session': signedOut });
    renderSignIn();
    const input = await screen.findByLabelText('Work email');
    const submit = screen.getByRole('button', { name: 'Email me a sign-in link' });

    fireEvent.click(submit);
    expect(await screen.findByText('Enter your email address.')).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(screen.getByText('Enter your email address.').id);
    expect(document.activeElement).toBe(input);

    fireEvent.change(input, { target: { value: 'dana@northside' } });
    fireEvent.click(submit);
    expect(await screen.findByText('Enter an email address like name@company.com.')).toBeTruthy();

    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(0);
  });

  it('sends the trimmed email with where to land, then says where the link went', async () => {
    let sent: unknown;
    stubApi({
      'GET /v1/auth/session': signedOut,
      'POST /v1/auth/magic-links': (init) => {
        sent = JSON.parse(String(init.body));
        return jsonResponse(202, { message: 'Check your email', expiresInMinutes: 20 });
      },
      // The "check your email" page asks the development inbox whether it exists (sandbox mode).
      'GET /v1/sandbox/emails': () => jsonResponse(200, { items: [], nextCursor: null }),
    });
    renderSignIn('/sign-in?next=%2Ftry');

    expect(await screen.findByRole('heading', { name: 'Start your free trial' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Work email'), { target: { value: '  Dana@Northside.example ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Email me a sign-in link' }));

    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(sent).toEqual({ email: 'Dana@Northside.example', redirectTo: '/try' });
    expect(screen.getByText('Dana@Northside.example')).toBeTruthy();
    expect(screen.getByText(/expires in 20 minutes/)).toBeTruthy();
    const inboxLink = await screen.findByRole('link', { name: 'Open the development inbox' });
    expect(inboxLink.getAttribute('href')).toBe('/dev/inbox?to=Dana%40Northside.example');
  });

  it('shows the API’s own word for a field it rejects, next to the field', async () => {
    stubApi({
      'GET /v1/auth/session': signedOut,
      'POST /v1/auth/magic-links': () =>
        jsonResponse(400, {
          type: 'about:blank',
          title: 'Validation failed',
          status: 400,
          code: 'VALIDATION.FAILED',
          errors: [{ field: 'email', messages: ['disposable email addresses are not accepted'] }],
        }),
    });
    renderSignIn();
    fireEvent.change(await screen.findByLabelText('Work email'), { target: { value: 'x@mailinator.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Email me a sign-in link' }));
    expect(await screen.findByText('Disposable email addresses are not accepted')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Sign in to Beaker' })).toBeTruthy();
  });

  it('says how long to wait when sign-in links are rate limited', async () => {
    stubApi({
      'GET /v1/auth/session': signedOut,
      'POST /v1/auth/magic-links': () =>
        jsonResponse(429, { type: 'about:blank', title: 'Too many requests', status: 429, code: 'RATE_LIMITED' }, { 'Retry-After': '300' }),
    });
    renderSignIn();
    fireEvent.change(await screen.findByLabelText('Work email'), { target: { value: 'dana@northside.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Email me a sign-in link' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Try again in 5 minutes'));
  });
});
