import { createBeakerClient } from './index';

/** What the client sends and how it reads answers, against a fetch that records each request. */
describe('createBeakerClient', () => {
  function recordingFetch(status: number, body: unknown, contentType = 'application/json') {
    const requests: Request[] = [];
    const fetch = async (input: Request) => {
      requests.push(input);
      return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': contentType } });
    };
    return { requests, fetch };
  }

  it('sends an API key as a bearer token, fills path parameters and writes the query', async () => {
    const { requests, fetch } = recordingFetch(200, { items: [], nextCursor: null });
    const client = createBeakerClient({ baseUrl: 'https://beaker.example', apiKey: 'bk_test_123', fetch });
    const { data, error } = await client.GET('/v1/businesses/{id}/leads', {
      params: { path: { id: '5f0c7a8e-3b1d-4c2a-9e6f-1a2b3c4d5e6f' }, query: { status: 'called', limit: 10 } },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ items: [], nextCursor: null });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0].url);
    expect(url.origin + url.pathname).toBe('https://beaker.example/v1/businesses/5f0c7a8e-3b1d-4c2a-9e6f-1a2b3c4d5e6f/leads');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'called', limit: '10' });
    expect(requests[0].headers.get('authorization')).toBe('Bearer bk_test_123');
  });

  it('posts a JSON body with the headers of the call (an Idempotency-Key), and gives a problem as `error`', async () => {
    const problem = { type: 'about:blank', title: 'Invalid phone number', status: 400, code: 'LEADS.INVALID_PHONE', errors: [{ field: 'phone', message: 'not a US number' }] };
    const { requests, fetch } = recordingFetch(400, problem, 'application/problem+json');
    const client = createBeakerClient({ baseUrl: 'https://beaker.example', apiKey: 'bk_test_123', fetch });
    const { data, error, response } = await client.POST('/v1/leads', {
      body: { phone: '12', consent: { text: 'I agree', at: '2026-12-06T12:00:00.000Z' } },
      headers: { 'Idempotency-Key': 'lead-42' },
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error).toEqual(problem);
    expect(requests[0].method).toBe('POST');
    expect(requests[0].headers.get('idempotency-key')).toBe('lead-42');
    expect(requests[0].headers.get('content-type')).toBe('application/json');
    expect(await requests[0].json()).toEqual({ phone: '12', consent: { text: 'I agree', at: '2026-12-06T12:00:00.000Z' } });
  });

  it('sends no Authorization header without a key (the web app signs in with its cookie)', async () => {
    const { requests, fetch } = recordingFetch(200, { plans: [] });
    await createBeakerClient({ baseUrl: 'https://beaker.example', fetch }).GET('/v1/plans');
    expect(requests[0].headers.get('authorization')).toBeNull();
  });
});
