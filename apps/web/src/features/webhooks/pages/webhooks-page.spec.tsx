import type { WebhookDeliveryAttempt, WebhookEndpoint } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { businessOverview } from '../../../test/business';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { NewWebhookEndpointPage } from './new-webhook-endpoint-page';
import { WebhookEndpointPage } from './webhook-endpoint-page';
import { WebhooksPage } from './webhooks-page';

const business = businessOverview({ callsUsedThisPeriod: 3, currentPeriodEnd: '2026-03-01T00:00:00.000Z', industry: 'hvac', scenario: 'lead_intake', pastDueSince: null, phoneNumber: { e164: '+13035550100', status: 'active' }, yourRole: 'member' });

const crm: WebhookEndpoint = {
  id: 'e1',
  url: 'https://hooks.example.com/beaker',
  description: 'CRM sync',
  eventTypes: ['lead.created', 'call.completed'],
  enabled: true,
  disabledReason: null,
  failingSince: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const broken: WebhookEndpoint = {
  ...crm,
  id: 'e2',
  url: 'https://old.example.com/hook',
  description: '',
  eventTypes: ['lead.blocked'],
  enabled: false,
  disabledReason: 'failing',
  failingSince: '2026-11-20T10:00:00.000Z',
};

const attempt = (over: Partial<WebhookDeliveryAttempt>): WebhookDeliveryAttempt => ({
  id: 'a1',
  deliveryId: 'd1',
  eventId: 'ev1',
  eventType: 'lead.created',
  attempt: 1,
  succeeded: true,
  statusCode: 200,
  latencyMs: 84,
  error: null,
  responseBody: '{"ok":true}',
  at: '2026-12-06T10:00:00.000Z',
  deliveryStatus: 'succeeded',
  nextAttemptAt: null,
  ...over,
});

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

afterEach(() => vi.unstubAllGlobals());

/** The API as the page sees it: "METHOD /path" handlers that also get the query string; anything else fails the test. */
function stubWebhooksApi(handlers: Record<string, Handler>) {
  const all: Record<string, Handler> = {
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
    'GET /v1/sandbox/messages': () => jsonResponse(200, { items: [], nextCursor: null }),
    'GET /v1/businesses/b1/webhook-endpoints': () => jsonResponse(200, { items: [crm, broken], nextCursor: null }),
    'GET /v1/businesses/b1/webhook-endpoints/e1': () => jsonResponse(200, crm),
    'GET /v1/businesses/b1/webhook-endpoints/e1/deliveries': () => jsonResponse(200, { items: [attempt({})], nextCursor: null }),
    'GET /v1/businesses/b1/webhook-endpoints/e2/deliveries': () =>
      jsonResponse(200, { items: [attempt({ id: 'a9', deliveryId: 'd9', succeeded: false, statusCode: 500, deliveryStatus: 'failed', eventType: 'lead.blocked' })], nextCursor: null }),
    ...handlers,
  };
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${init.method ?? 'GET'} ${url.pathname}`;
    const handler = all[key];
    if (!handler) throw new Error(`Unexpected API call in test: ${key}`);
    return handler(url, init);
  });
  vi.stubGlobal('fetch', fetchMock);
  const calls = (key: string) =>
    fetchMock.mock.calls
      .map(([input, init]) => ({ url: new URL(String(input), 'http://localhost'), init: init ?? {} }))
      .filter(({ url, init }) => `${init.method ?? 'GET'} ${url.pathname}` === key);
  return { fetchMock, calls };
}

function renderWebhooks(path: string) {
  return renderRoutes(
    [
      {
        path: '/app/businesses/:businessId',
        element: <BusinessLayout />,
        children: [
          { path: 'webhooks', element: <WebhooksPage /> },
          { path: 'webhooks/new', element: <NewWebhookEndpointPage /> },
          { path: 'webhooks/:endpointId', element: <WebhookEndpointPage /> },
        ],
      },
    ],
    path,
  );
}

describe('the webhooks list', () => {
  it('is in the business navigation and lists each endpoint with its events, its state and why, and its last delivery', async () => {
    stubWebhooksApi({});
    renderWebhooks('/app/businesses/b1/webhooks');
    const list = await screen.findByTestId('endpoint-list');
    const nav = screen.getByRole('navigation', { name: 'Business' });
    expect(within(nav).getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Calls', 'Leads', 'Analytics', 'Forms', 'Assistant', 'Billing', 'Team', 'Settings', 'Webhooks']);

    const [first, second] = within(list).getAllByRole('listitem');
    expect(within(first).getByRole('link', { name: crm.url }).getAttribute('href')).toBe('/app/businesses/b1/webhooks/e1');
    expect(first.textContent).toContain('CRM sync');
    expect(first.textContent).toContain('2 events: lead.created, call.completed');
    expect(within(first).getByText('On')).toBeTruthy();
    expect((await within(first).findByTestId('last-delivery')).textContent).toMatch(/A new lead came in · 200 · Delivered/);

    expect(within(second).getByText('Off: failing')).toBeTruthy();
    expect(second.textContent).toContain('Beaker turned it off after 5 days of failed deliveries');
    expect((await within(second).findByTestId('last-delivery')).textContent).toMatch(/500 · Failed/);
  });

  it('says how to verify signatures, with the header format and a link to the API reference', async () => {
    stubWebhooksApi({ 'GET /v1/businesses/b1/webhook-endpoints': () => jsonResponse(200, { items: [], nextCursor: null }) });
    renderWebhooks('/app/businesses/b1/webhooks');
    expect(await screen.findByText(/No endpoints yet/)).toBeTruthy();
    const help = screen.getByRole('complementary', { name: 'Verify signatures' });
    expect(help.textContent).toContain('Beaker-Signature: t=');
    expect(help.textContent).toContain(',v1=');
    expect(within(help).getByRole('link', { name: /webhooks guide/ }).getAttribute('href')).toBe('/docs');
  });
});

describe('adding an endpoint', () => {
  async function fillAndSubmit(url: string) {
    const input = await screen.findByLabelText('Endpoint URL');
    fireEvent.change(input, { target: { value: url } });
    fireEvent.change(screen.getByLabelText(/Description/), { target: { value: 'CRM sync' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /lead\.created/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /call\.completed/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create endpoint' }));
  }

  it('sends the URL and the events, then shows the signing secret once, with Copy; leaving forgets it', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { calls } = stubWebhooksApi({
      'POST /v1/businesses/b1/webhook-endpoints': () => jsonResponse(201, { ...crm, secret: 'whsec_abc123' }),
    });
    const { router } = renderWebhooks('/app/businesses/b1/webhooks/new');
    await fillAndSubmit(' https://hooks.example.com/beaker ');

    const secretBox = await screen.findByRole('textbox', { name: 'Signing secret' });
    expect((secretBox as HTMLInputElement).value).toBe('whsec_abc123');
    expect(JSON.parse(String(calls('POST /v1/businesses/b1/webhook-endpoints')[0].init.body))).toEqual({
      url: 'https://hooks.example.com/beaker',
      description: 'CRM sync',
      eventTypes: ['call.completed', 'lead.created'],
    });
    expect(screen.getByText('Copy it now: you won’t see it again.')).toBeTruthy();
    // Focus goes to the secret, so a screen reader announces it.
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your signing secret' }));

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied to your clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('whsec_abc123');

    fireEvent.click(screen.getByRole('button', { name: 'I’ve stored it: go to the endpoint' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/app/businesses/b1/webhooks/e1'));
    expect(await screen.findByRole('heading', { level: 1, name: crm.url })).toBeTruthy();
    expect(screen.queryByText('whsec_abc123')).toBeNull();
    expect(screen.queryByDisplayValue('whsec_abc123')).toBeNull();
  });

  it('checks the form before asking: a full URL and at least one event', async () => {
    const { calls } = stubWebhooksApi({});
    renderWebhooks('/app/businesses/b1/webhooks/new');
    fireEvent.change(await screen.findByLabelText('Endpoint URL'), { target: { value: 'hooks.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create endpoint' }));
    expect(await screen.findByText(/Enter a full URL, starting with https:\/\//)).toBeTruthy();
    expect(screen.getByText('Pick at least one event.')).toBeTruthy();
    expect(screen.getByLabelText('Endpoint URL').getAttribute('aria-invalid')).toBe('true');
    expect(calls('POST /v1/businesses/b1/webhook-endpoints')).toHaveLength(0);
  });

  it('shows the API’s refusal of the URL beside it, and explains what is allowed', async () => {
    stubWebhooksApi({
      'POST /v1/businesses/b1/webhook-endpoints': () =>
        jsonResponse(400, {
          type: 'about:blank',
          title: 'This URL cannot receive webhooks',
          status: 400,
          code: 'OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED',
          detail: 'This URL cannot receive webhooks: http is allowed only to localhost',
        }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/new');
    await fillAndSubmit('http://hooks.example.com/beaker');
    const url = screen.getByLabelText('Endpoint URL');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(url.getAttribute('aria-describedby')!.split(' ')[1])!;
    expect(error.textContent).toContain('http is allowed only to localhost');
    expect(error.textContent).toContain('Use an https:// address on the public internet');
    expect(document.activeElement).toBe(url);
  });

  it('says when the business has as many endpoints as it may have', async () => {
    stubWebhooksApi({
      'POST /v1/businesses/b1/webhook-endpoints': () =>
        jsonResponse(409, { type: 'about:blank', title: 'Limit', status: 409, code: 'OUTBOUND_WEBHOOKS.ENDPOINT_LIMIT', detail: 'A business may have up to 20 webhook endpoints' }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/new');
    await fillAndSubmit('https://hooks.example.com/beaker');
    expect((await screen.findByRole('alert')).textContent).toBe('You already have 20 endpoints, the most a business can have. Delete one you no longer use to add another.');
    expect(screen.queryByTestId('signing-secret')).toBeNull();
  });
});

describe('an endpoint’s page', () => {
  it('pages through the delivery log with "Load more", and opens a row onto the response', async () => {
    const older = attempt({ id: 'a2', deliveryId: 'd2', eventType: 'call.completed', attempt: 2, succeeded: false, statusCode: 503, responseBody: 'upstream down', deliveryStatus: 'pending', nextAttemptAt: '2026-12-06T11:00:00.000Z' });
    const { calls } = stubWebhooksApi({
      'GET /v1/businesses/b1/webhook-endpoints/e1/deliveries': (url) =>
        jsonResponse(200, url.searchParams.get('cursor') === 'c2' ? { items: [older], nextCursor: null } : { items: [attempt({})], nextCursor: 'c2' }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/e1');
    const table = await screen.findByRole('table', { name: 'Delivery attempts, newest first' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    const first = within(table).getAllByRole('row')[1];
    expect(first.textContent).toContain('lead.created');
    expect(first.textContent).toContain('#1');
    expect(first.textContent).toContain('200');
    expect(first.textContent).toContain('84 ms');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('call.completed')).toBeTruthy();
    expect(calls('GET /v1/businesses/b1/webhook-endpoints/e1/deliveries').some(({ url }) => url.searchParams.get('cursor') === 'c2')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    // Its name starts with what it shows (WCAG 2.5.3, label in name), then says which attempt.
    const toggle = screen.getByRole('button', { name: 'Response of A call ended (with its report), attempt 2' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-label')).toBe('Hide response of A call ended (with its report), attempt 2');
    expect(toggle.textContent).toBe('Hide response');
    const detail = document.getElementById(toggle.getAttribute('aria-controls')!)!;
    expect(detail.textContent).toContain('upstream down');
    expect(detail.textContent).toContain('Retrying: next attempt');
  });

  it('sends a delivery again with "Retry", on each delivery’s newest attempt', async () => {
    const { calls } = stubWebhooksApi({
      'GET /v1/businesses/b1/webhook-endpoints/e1/deliveries': () =>
        jsonResponse(200, {
          items: [attempt({ id: 'a3', attempt: 2, succeeded: false, statusCode: 500, deliveryStatus: 'failed' }), attempt({ id: 'a1', attempt: 1, succeeded: false, statusCode: 500, deliveryStatus: 'failed' })],
          nextCursor: null,
        }),
      'POST /v1/businesses/b1/webhook-endpoints/e1/deliveries/d1/retry': () => jsonResponse(202, { deliveryId: 'd1', attempt: 3 }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/e1');
    await screen.findByRole('table');
    const retries = screen.getAllByRole('button', { name: /^Retry / });
    expect(retries).toHaveLength(1);
    fireEvent.click(retries[0]);
    expect(await screen.findByText('Sending lead.created again now. The new attempt shows up at the top of the log.')).toBeTruthy();
    expect(calls('POST /v1/businesses/b1/webhook-endpoints/e1/deliveries/d1/retry')).toHaveLength(1);
    // The log is asked again, for the new attempt.
    await waitFor(() => expect(calls('GET /v1/businesses/b1/webhook-endpoints/e1/deliveries').length).toBeGreaterThan(1));
  });

  it('says so when a retry is refused because the endpoint was turned off meanwhile', async () => {
    stubWebhooksApi({
      'POST /v1/businesses/b1/webhook-endpoints/e1/deliveries/d1/retry': () =>
        jsonResponse(409, { type: 'about:blank', title: 'Disabled', status: 409, code: 'OUTBOUND_WEBHOOKS.ENDPOINT_DISABLED', detail: 'Turn the endpoint on (PATCH enabled: true) to send it events' }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/e1');
    fireEvent.click(await screen.findByRole('button', { name: /^Retry / }));
    expect((await screen.findByRole('alert')).textContent).toBe('This endpoint is turned off. Turn it on to send it events.');
  });

  it('sends a test event', async () => {
    const { calls } = stubWebhooksApi({ 'POST /v1/businesses/b1/webhook-endpoints/e1/test': () => jsonResponse(202, { eventId: 'ev9', deliveryId: 'd9' }) });
    renderWebhooks('/app/businesses/b1/webhooks/e1');
    fireEvent.click(await screen.findByRole('button', { name: 'Send a test event' }));
    expect(await screen.findByText('Test event sent. Its delivery shows up in the log below within a few seconds.')).toBeTruthy();
    expect(calls('POST /v1/businesses/b1/webhook-endpoints/e1/test')).toHaveLength(1);
  });

  it('offers no test event or retry while the endpoint is off, and says why it is off', async () => {
    stubWebhooksApi({ 'GET /v1/businesses/b1/webhook-endpoints/e2': () => jsonResponse(200, broken) });
    renderWebhooks('/app/businesses/b1/webhooks/e2');
    expect((await screen.findByRole('button', { name: 'Send a test event' })).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Turn the endpoint on to send it a test event.')).toBeTruthy();
    expect(screen.getByText(/Beaker turned it off after 5 days of failed deliveries/)).toBeTruthy();
    await screen.findByRole('table');
    expect(screen.queryByRole('button', { name: /^Retry / })).toBeNull();
    expect(screen.getByRole('button', { name: 'Turn on' })).toBeTruthy();
  });

  it('saves the URL and events, and turns the endpoint off after asking', async () => {
    const { calls } = stubWebhooksApi({
      'PATCH /v1/businesses/b1/webhook-endpoints/e1': (_url, init) => jsonResponse(200, { ...crm, ...JSON.parse(String(init.body)), ...(JSON.parse(String(init.body)).enabled === false ? { disabledReason: 'owner' } : {}) }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/e1');
    const url = await screen.findByLabelText('Endpoint URL');
    expect((url as HTMLInputElement).value).toBe(crm.url);
    expect((screen.getByRole('checkbox', { name: /lead\.created/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(url, { target: { value: 'https://hooks.example.com/v2' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /lead\.called/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(JSON.parse(String(calls('PATCH /v1/businesses/b1/webhook-endpoints/e1')[0].init.body))).toEqual({
      url: 'https://hooks.example.com/v2',
      description: 'CRM sync',
      eventTypes: ['call.completed', 'lead.created', 'lead.called'],
    });

    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Turn this endpoint off?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it on' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText('Turned off: nothing is sent to it until you turn it back on.')).toBeTruthy();
    expect(JSON.parse(String(calls('PATCH /v1/businesses/b1/webhook-endpoints/e1')[1].init.body))).toEqual({ enabled: false });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Turn on' })));
    expect(screen.getByRole('button', { name: 'Send a test event' }).hasAttribute('disabled')).toBe(true);
  });

  it('rotates the secret after explaining the 24-hour overlap, and shows the new one once', async () => {
    stubWebhooksApi({
      'POST /v1/businesses/b1/webhook-endpoints/e1/rotate-secret': () => jsonResponse(201, { secret: 'whsec_new456', previousSecretExpiresAt: '2026-12-07T10:00:00.000Z' }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/e1');
    fireEvent.click(await screen.findByRole('button', { name: 'Rotate secret' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Rotate the signing secret?' });
    expect(dialog.textContent).toContain('For 24 hours the old and the new secret both sign every event');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rotate secret' }));
    expect(((await screen.findByRole('textbox', { name: 'Signing secret' })) as HTMLInputElement).value).toBe('whsec_new456');
    expect(screen.getByTestId('signing-secret').textContent).toContain('The previous secret keeps signing until');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Your new signing secret' }));
    fireEvent.click(screen.getByRole('button', { name: 'I’ve stored it' }));
    expect(screen.queryByDisplayValue('whsec_new456')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Signing secret' })));
  });

  it('deletes the endpoint after asking, and goes back to the list', async () => {
    const { calls } = stubWebhooksApi({
      'DELETE /v1/businesses/b1/webhook-endpoints/e1': () => jsonResponse(204, null),
    });
    const { router } = renderWebhooks('/app/businesses/b1/webhooks/e1');
    fireEvent.click(await screen.findByRole('button', { name: 'Delete this endpoint' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this endpoint?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/app/businesses/b1/webhooks'));
    expect(calls('DELETE /v1/businesses/b1/webhook-endpoints/e1')).toHaveLength(1);
    expect((await screen.findByText(/Deleted the endpoint/)).textContent).toBe('Deleted the endpoint https://hooks.example.com/beaker. Nothing more is sent to it.');
    // The list page takes the focus once it has drawn its heading (an effect after the notice shows).
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Webhooks' })));
  });

  it('is a 404 page for an endpoint that is not there', async () => {
    stubWebhooksApi({
      'GET /v1/businesses/b1/webhook-endpoints/nope': () => jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'NOT_FOUND', detail: 'No such webhook endpoint' }),
    });
    renderWebhooks('/app/businesses/b1/webhooks/nope');
    expect(await screen.findByRole('heading', { name: "We couldn't find that page" })).toBeTruthy();
  });
});
