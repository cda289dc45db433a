import type { ProblemDetails } from '@beaker/contracts';
import { ApiError, CLIENT_ERROR_CODES } from './api-error';
import { CSRF_COOKIE, CSRF_HEADER, readCookie } from './csrf';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method?: HttpMethod;
  /** Serialized as JSON. */
  body?: unknown;
  /** Appended as a query string; undefined and null values are left out. */
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
}

const SAFE_METHODS: ReadonlySet<HttpMethod> = new Set(['GET']);

/**
 * Calls the Beaker API on the same origin. Sends the session cookie, adds the CSRF token to
 * state-changing requests, and turns any failure into an ApiError.
 */
export async function apiRequest<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }

  let response: Response;
  try {
    response = await fetch(withQuery(path, request.query), {
      method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: 'include',
      signal: request.signal,
    });
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

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function withQuery(path: string, query: ApiRequest['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const contentType = response.headers.get('Content-Type') ?? '';
  if (contentType.includes('json')) {
    try {
      const body = (await response.json()) as Partial<ProblemDetails> & { retryAfterSeconds?: number };
      if (body && typeof body.code === 'string') {
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
    } catch {
      // Not a problem document after all; fall through to a generic error.
    }
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

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
