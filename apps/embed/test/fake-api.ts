import type { PublicLeadForm } from '@beaker/contracts';
import { vi } from 'vitest';

export const API = 'https://app.beaker.test';
export const FORM_ID = 'form_123';

/** A public form as GET /v1/forms/:formId answers it; the defaults ask everything a form may ask. */
export function publicForm(overrides: Partial<PublicLeadForm> = {}): PublicLeadForm {
  return {
    id: FORM_ID,
    businessName: 'Acme Plumbing',
    fields: {
      email: { enabled: true, required: false },
      message: { enabled: true, required: true },
      custom: [
        { key: 'address', label: 'Street address', type: 'text', required: false },
        { key: 'details', label: 'Anything else?', type: 'textarea', required: false },
        { key: 'billing_email', label: 'Billing email', type: 'email', required: false },
        { key: 'service', label: 'Service', type: 'select', required: true, options: ['Repair', 'Install'] },
        { key: 'urgent', label: 'It is urgent', type: 'checkbox', required: false },
      ],
    },
    consentText: 'I agree that Acme Plumbing may call me at this number, including by automated means, about my request. Consent is not a condition of purchase.',
    consentVersion: 3,
    thankYouMessage: 'Thanks! We will call you within minutes.',
    honeypotField: 'company_website',
    originAllowed: true,
    ...overrides,
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

type Handler = (init: RequestInit) => Response | Promise<Response>;

/**
 * Stubs fetch, the edge of the script, with one handler per "METHOD url"; a call nobody expects fails the
 * test. A handler may be a list: each call takes the next one.
 */
export function stubApi(handlers: Record<string, Handler | Handler[]>) {
  const queues = new Map(Object.entries(handlers).map(([key, h]) => [key, Array.isArray(h) ? [...h] : h]));
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${init.method ?? 'GET'} ${url}`;
    const entry = queues.get(key);
    const handler = Array.isArray(entry) ? entry.shift() : entry;
    if (!handler) throw new Error(`Unexpected request in test: ${key}`);
    return handler(init);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export const FORM_URL = `${API}/v1/forms/${FORM_ID}`;
export const SUBMISSIONS_URL = `${API}/v1/forms/${FORM_ID}/submissions`;
/** What fetch does when the network (or CORS) refuses: it rejects with a TypeError and nothing more. */
export const networkFailure = () => Promise.reject(new TypeError('Failed to fetch'));
