import { fireEvent, screen } from '@testing-library/react';
import { Outlet } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../../lib/query-keys';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { RequireAuth } from '../components/require-auth';
import { useMe } from '../hooks/use-me';
import { CheckEmailPage } from './check-email-page';
import { VerifyPage } from './verify-page';

const user = { id: 'u1', email: 'dana@northside.example', role: 'user', businesses: [], trialSessionFor: null };

function renderVerify(path: string) {
  return renderRoutes(
    [
      { path: '/auth/verify', element: <VerifyPage /> },
      { path: '/check-email', element: <CheckEmailPage /> },
      { path: '/try', element: <h1>Trial builder</h1> },
      { path: '/app', element: <h1>Home</h1> },
    ],
    path,
  );
}

afterEach(() => vi.unstubAllGlobals());

/** The page waits for the person: the token goes only with a press of "Sign in". */
async function pressSignIn() {
  fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
}

describe('verify page', () => {
  it('explains an expired link and sends a new one from the same screen', async () => {
    let sent: unknown;
    stubApi({
      'POST /v1/auth/sessions': () =>
        jsonResponse(401, { type: 'about:blank', title: 'Sign-in link expired', status: 401, code: 'AUTH.TOKEN_EXPIRED' }),
      'POST /v1/auth/magic-links': (init) => {
        sent = JSON.parse(String(init.body));
        return jsonResponse(202, { message: 'ok', expiresInMinutes: 20 });
      },
      'GET /v1/sandbox/emails': () => jsonResponse(404, { type: 'about:blank', title: 'Not Found', status: 404, code: 'NOT_FOUND' }),
    });
    renderVerify('/auth/verify?token=old-token&next=%2Ftry');
    await pressSignIn();

    expect(await screen.findByRole('heading', { name: 'This sign-in link has expired' })).toBeTruthy();
    expect(screen.getByText(/work for 20 minutes/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Work email'), { target: { value: 'dana@northside.example' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send me a new link' }));
    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeTruthy();
    expect(sent).toEqual({ email: 'dana@northside.example', redirectTo: '/try' });
    // Live mode (the inbox answers 404): no pointer to a development inbox.
    expect(screen.queryByRole('link', { name: 'Open the development inbox' })).toBeNull();
  });

  it('tells a used or broken link apart from an expired one', async () => {
    stubApi({
      'POST /v1/auth/sessions': () => jsonResponse(401, { type: 'about:blank', title: 'Invalid', status: 401, code: 'AUTH.TOKEN_INVALID' }),
    });
    renderVerify('/auth/verify?token=used');
    await pressSignIn();
    expect(await screen.findByRole('heading', { name: "This sign-in link doesn't work" })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send me a new link' })).toBeTruthy();
  });

  it('exchanges the token once and lands where the person was going, already signed in', async () => {
    const fetchMock = stubApi({ 'POST /v1/auth/sessions': () => jsonResponse(201, { user }) });
    const { queryClient } = renderVerify('/auth/verify?token=good-token&next=%2Ftry');
    await pressSignIn();
    expect(await screen.findByRole('heading', { name: 'Trial builder' })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(fetchMock.mock.calls[0][1]?.body))).toEqual({ token: 'good-token' });
    expect(queryClient.getQueryData(queryKeys.me)).toEqual(user);
  });

  it('is not signed out again by a "who am I?" answer that was already on its way', async () => {
    // The header asks GET /v1/auth/session as the page loads, before the session cookie exists; its
    // "no one" arrives after the exchange succeeded.
    stubApi({
      'GET /v1/auth/session': () => new Promise((resolve) => setTimeout(() => resolve(jsonResponse(200, { user: null })), 80)),
      'POST /v1/auth/sessions': () => jsonResponse(201, { user }),
    });
    function Shell() {
      useMe();
      return <Outlet />;
    }
    renderRoutes(
      [
        {
          element: <Shell />,
          children: [
            { path: '/auth/verify', element: <VerifyPage /> },
            { path: '/sign-in', element: <h1>Sign in</h1> },
            { element: <RequireAuth />, children: [{ path: '/app', element: <h1>Home</h1> }] },
          ],
        },
      ],
      '/auth/verify?token=good-token',
    );
    await pressSignIn();
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(screen.getByRole('heading', { name: 'Home' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
  });

  it('ignores a next that points off-site', async () => {
    stubApi({ 'POST /v1/auth/sessions': () => jsonResponse(201, { user }) });
    renderVerify('/auth/verify?token=good-token&next=https%3A%2F%2Fevil.example');
    await pressSignIn();
    expect(await screen.findByRole('heading', { name: 'Home' })).toBeTruthy();
  });

  it('does nothing on page load: the token is sent only when the person presses "Sign in"', async () => {
    const fetchMock = stubApi({ 'POST /v1/auth/sessions': () => jsonResponse(201, { user }) });
    renderVerify('/auth/verify?token=good-token&next=%2Ftry');
    expect(await screen.findByRole('heading', { name: 'Sign in to Beaker' })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.queryByRole('heading', { name: 'Trial builder' })).toBeNull();

    await pressSignIn();
    expect(await screen.findByRole('heading', { name: 'Trial builder' })).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('says the link is incomplete when it carries no token, without calling the API', async () => {
    const fetchMock = stubApi({});
    renderVerify('/auth/verify');
    expect(await screen.findByRole('heading', { name: "This sign-in link doesn't work" })).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
