import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/render';
import { api, call, csrfHeader } from './api-client';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';

type FetchMock = ReturnType<typeof stubFetch>;

function stubFetch(response: Response | (() => Promise<Response>)) {
  const fetchMock = vi.fn<typeof fetch>(typeof response === 'function' ? response : async () => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** What the client sent: fetch(path, init) on this origin. */
function sent(fetchMock: FetchMock): { url: string; init: RequestInit; headers: Headers } {
  const [url, init = {}] = fetchMock.mock.calls[0];
  return { url: String(url), init, headers: new Headers(init.headers) };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('call(api…)', () => {
  it('turns a problem+json answer into an ApiError carrying its code, status and field errors', async () => {
    stubFetch(
      jsonResponse(400, {
        type: 'https://beaker.dev/problems/validation-failed',
        title: 'Validation failed',
        status: 400,
        detail: 'email must be an email',
        code: 'VALIDATION.FAILED',
        errors: [{ field: 'email', messages: ['email must be an email'] }],
      }),
    );

    const error = await call(api.POST('/v1/auth/magic-links', { body: { email: 'nope' } })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe('VALIDATION.FAILED');
    expect(apiError.status).toBe(400);
    expect(apiError.title).toBe('Validation failed');
    expect(apiError.message).toBe('email must be an email');
    expect(apiError.fieldMessages('email')).toEqual(['email must be an email']);
  });

  it('keeps the sign-in codes the screens branch on', async () => {
    stubFetch(jsonResponse(401, { type: 'about:blank', title: 'Link expired', status: 401, code: 'AUTH.TOKEN_EXPIRED' }));
    await expect(call(api.POST('/v1/auth/sessions', { body: { token: 't' } }))).rejects.toMatchObject({
      name: 'ApiError',
      code: 'AUTH.TOKEN_EXPIRED',
      status: 401,
    });
  });

  it('reads Retry-After on a rate limit', async () => {
    stubFetch(jsonResponse(429, { type: 'about:blank', title: 'Too many requests', status: 429, code: 'RATE_LIMITED' }, { 'Retry-After': '120' }));
    await expect(call(api.POST('/v1/auth/magic-links', { body: { email: 'a@b.co' } }))).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 120 });
  });

  it('gives a non-problem failure (a proxy’s HTML 502) a code of its own instead of crashing on the body', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    await expect(call(api.GET('/v1/me'))).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.unexpectedResponse, status: 502 });
  });

  it('reports an unreachable server as a network error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(call(api.GET('/v1/me'))).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.network, status: 0 });
  });

  it('sends the CSRF cookie back as X-CSRF-Token on POST and DELETE, with the cookie credentials', async () => {
    document.cookie = 'other=1; path=/';
    document.cookie = 'beaker_csrf=csrf%2Bvalue; path=/';

    const post = stubFetch(jsonResponse(202, { message: 'ok', expiresInMinutes: 20 }));
    await call(api.POST('/v1/auth/magic-links', { body: { email: 'a@b.co' } }));
    expect(sent(post).headers.get('X-CSRF-Token')).toBe('csrf+value');
    expect(sent(post).init.credentials).toBe('include');
    expect(sent(post).init.body).toBe('{"email":"a@b.co"}');
    expect(sent(post).headers.get('Content-Type')).toBe('application/json');

    const del = stubFetch(new Response(null, { status: 204 }));
    await expect(call(api.DELETE('/v1/auth/sessions/current', { params: { header: csrfHeader() } }))).resolves.toBeUndefined();
    expect(sent(del).headers.get('X-CSRF-Token')).toBe('csrf+value');
  });

  it('never sends the CSRF header on GET', async () => {
    document.cookie = 'beaker_csrf=csrf-value; path=/';
    const get = stubFetch(jsonResponse(200, { id: 'u1' }));
    await expect(call(api.GET('/v1/me'))).resolves.toEqual({ id: 'u1' });
    expect(sent(get).headers.has('X-CSRF-Token')).toBe(false);
    expect(sent(get).init.credentials).toBe('include');
  });

  it('leaves empty query values out of the URL', async () => {
    const get = stubFetch(jsonResponse(200, { items: [], nextCursor: null }));
    await call(api.GET('/v1/sandbox/emails', { params: { query: { to: 'a+b@c.co', cursor: undefined } } }));
    expect(sent(get).url).toBe('/v1/sandbox/emails?to=a%2Bb%40c.co');
  });

  it('passes an abort through untouched (a query cancelled by TanStack Query is not an error to show)', async () => {
    stubFetch(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')));
    await expect(call(api.GET('/v1/me'))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
