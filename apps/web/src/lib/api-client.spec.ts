import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/render';
import { apiRequest } from './api-client';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';

type FetchMock = ReturnType<typeof stubFetch>;

function stubFetch(response: Response | (() => Promise<Response>)) {
  const fetchMock = vi.fn<typeof fetch>(typeof response === 'function' ? response : async () => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function sentInit(fetchMock: FetchMock): RequestInit {
  return fetchMock.mock.calls[0][1] ?? {};
}

function sentHeaders(fetchMock: FetchMock): Record<string, string> {
  return sentInit(fetchMock).headers as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiRequest', () => {
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

    const error = await apiRequest('/v1/auth/magic-links', { method: 'POST', body: { email: 'nope' } }).catch((e: unknown) => e);

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
    await expect(apiRequest('/v1/auth/sessions', { method: 'POST', body: { token: 't' } })).rejects.toMatchObject({
      name: 'ApiError',
      code: 'AUTH.TOKEN_EXPIRED',
      status: 401,
    });
  });

  it('reads Retry-After on a rate limit', async () => {
    stubFetch(jsonResponse(429, { type: 'about:blank', title: 'Too many requests', status: 429, code: 'RATE_LIMITED' }, { 'Retry-After': '120' }));
    await expect(apiRequest('/v1/auth/magic-links', { method: 'POST', body: {} })).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 120 });
  });

  it('gives a non-problem failure (a proxy’s HTML 502) a code of its own instead of crashing on the body', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    await expect(apiRequest('/v1/me')).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.unexpectedResponse, status: 502 });
  });

  it('reports an unreachable server as a network error', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(apiRequest('/v1/me')).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.network, status: 0 });
  });

  it('sends the CSRF cookie back as X-CSRF-Token on POST and DELETE, with the cookie credentials', async () => {
    document.cookie = 'other=1; path=/';
    document.cookie = 'beaker_csrf=csrf%2Bvalue; path=/';

    const post = stubFetch(jsonResponse(202, { message: 'ok', expiresInMinutes: 20 }));
    await apiRequest('/v1/auth/magic-links', { method: 'POST', body: { email: 'a@b.co' } });
    expect(sentHeaders(post)['X-CSRF-Token']).toBe('csrf+value');
    expect(sentInit(post).credentials).toBe('include');
    expect(sentInit(post).body).toBe('{"email":"a@b.co"}');
    expect(sentHeaders(post)['Content-Type']).toBe('application/json');

    const del = stubFetch(new Response(null, { status: 204 }));
    await expect(apiRequest('/v1/auth/sessions/current', { method: 'DELETE' })).resolves.toBeUndefined();
    expect(sentHeaders(del)['X-CSRF-Token']).toBe('csrf+value');
  });

  it('never sends the CSRF header on GET', async () => {
    document.cookie = 'beaker_csrf=csrf-value; path=/';
    const get = stubFetch(jsonResponse(200, { id: 'u1' }));
    await expect(apiRequest('/v1/me')).resolves.toEqual({ id: 'u1' });
    expect(sentHeaders(get)).not.toHaveProperty('X-CSRF-Token');
    expect(sentInit(get).credentials).toBe('include');
  });

  it('leaves empty query values out of the URL', async () => {
    const get = stubFetch(jsonResponse(200, { items: [], nextCursor: null }));
    await apiRequest('/v1/sandbox/emails', { query: { to: 'a+b@c.co', cursor: undefined } });
    expect(get.mock.calls[0][0]).toBe('/v1/sandbox/emails?to=a%2Bb%40c.co');
  });
});
