import { vi } from 'vitest';

type Handler = (init: RequestInit) => Response | Promise<Response>;

/** Stubs fetch with one handler per "METHOD /path" (query string ignored); anything else fails the test loudly. */
export function stubApi(handlers: Record<string, Handler>) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${init.method ?? 'GET'} ${url.split('?')[0]}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`Unexpected API call in test: ${key}`);
    return handler(init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
