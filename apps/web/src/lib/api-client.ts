import { type BeakerClient, createBeakerClient } from '@beaker/client';
import type { ProblemDetails } from '@beaker/contracts';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from './csrf';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * The Beaker API on this origin, through the typed client generated from its OpenAPI document
 * (libs/client): every path, parameter, body and answer is checked against the document at build
 * time. Sends the session cookie and adds the CSRF token to state-changing requests. Call it
 * through `call()`, which turns any failure into an ApiError.
 */
export const api: BeakerClient = createBeakerClient({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'include',
  headers: { Accept: 'application/json, application/problem+json' },
  fetch: send,
});

/**
 * How `api` sends: the CSRF token joins state-changing requests, and the request goes out as
 * fetch(path, init) on this origin, with fetch looked up at each call (not captured once).
 */
async function send(request: Request): Promise<Response> {
  const headers = new Headers(request.headers);
  if (!SAFE_METHODS.has(request.method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers.set(CSRF_HEADER, csrf);
  }
  const url = new URL(request.url);
  const sameOrigin = url.origin === globalThis.location?.origin;
  const body = request.body === null ? undefined : await request.text();
  return globalThis.fetch(sameOrigin ? `${url.pathname}${url.search}` : url.href, {
    method: request.method,
    headers: Object.fromEntries(headers.entries()),
    body: body || undefined,
    credentials: request.credentials,
    signal: request.signal,
  });
}

/**
 * The CSRF header a signed-in person's state-changing request carries (the value of the
 * beaker_csrf cookie), for the routes whose document requires it as a parameter.
 */
export function csrfHeader(): { 'X-CSRF-Token': string } {
  return { 'X-CSRF-Token': readCookie(CSRF_COOKIE) ?? '' };
}

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** What a successful answer of `api` carries (`undefined` for 204). */
type DataOf<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits a call through `api` and gives its 2xx answer, or throws an ApiError: the problem+json's
 * code, status, field errors and Retry-After, or a network failure (an abort is passed through).
 */
export async function call<R extends Answer>(pending: Promise<R>): Promise<DataOf<R>> {
  let answer: R;
  try {
    answer = await pending;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      type: 'about:blank',
      title: 'Beaker could not be reached',
      status: 0,
      detail: 'Check your connection and try again.',
      code: CLIENT_ERROR_CODES.network,
    });
  }
  if (!answer.response.ok) throw toApiError(answer.response, answer.error);
  return answer.data as DataOf<R>;
}

function toApiError(response: Response, body: unknown): ApiError {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json') && isProblem(body)) {
    return new ApiError({
      type: body.type ?? 'about:blank',
      title: body.title ?? response.statusText,
      status: body.status ?? response.status,
      detail: body.detail,
      code: body.code,
      errors: body.errors,
      errorId: body.errorId,
      retryAfterSeconds: body.retryAfterSeconds ?? retryAfter,
    });
  }
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Unexpected response',
    status: response.status,
    detail: `The server answered ${response.status}.`,
    code: CLIENT_ERROR_CODES.unexpectedResponse,
    retryAfterSeconds: retryAfter,
  });
}

function isProblem(body: unknown): body is Partial<ProblemDetails> & { code: string; retryAfterSeconds?: number } {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
