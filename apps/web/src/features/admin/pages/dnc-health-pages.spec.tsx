import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

const entry = {
  id: 'd1',
  businessId: null,
  phone: '+14155550123',
  source: 'admin',
  reason: 'Asked by email',
  callId: null,
  createdBy: { kind: 'admin', id: 's1' },
  createdAt: '2026-12-01T00:00:00.000Z',
  removedAt: null,
  removedBy: null,
  removalReason: null,
};

describe("Beaker's do-not-call page", () => {
  it('adds a number with a reason, and takes one off after a confirmation with a reason', async () => {
    const sent: { method: string; url: string; body: unknown }[] = [];
    const fetchMock = stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/dnc': () => jsonResponse(200, { items: [entry], nextCursor: null }),
      'POST /v1/admin/dnc': (init) => {
        sent.push({ method: 'POST', url: '/v1/admin/dnc', body: JSON.parse(String(init.body)) });
        return jsonResponse(201, { ...entry, id: 'd2', phone: '+13125550142' });
      },
      'DELETE /v1/admin/dnc/d1': (init) => {
        sent.push({ method: 'DELETE', url: '/v1/admin/dnc/d1', body: JSON.parse(String(init.body)) });
        return jsonResponse(200, { ...entry, removedAt: '2026-12-02T00:00:00.000Z', removalReason: 'Wrong number' });
      },
    });
    renderAdmin('/admin/dnc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Do not call' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Do-not-call entries' });
    expect(list.textContent).toContain('(415) 555-0123');

    const form = screen.getByRole('form', { name: "Add a number to Beaker's do-not-call list" });
    fireEvent.change(within(form).getByLabelText('Phone number'), { target: { value: '+1 312 555 0142' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add to the list' }));
    expect(await within(form).findByText('Say why: the reason goes into the audit log.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Asked on the phone' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add to the list' }));
    expect(await within(form).findByText("(312) 555-0142 is on Beaker's list.")).toBeTruthy();
    expect(sent[0].body).toEqual({ phone: '+1 312 555 0142', reason: 'Asked on the phone' });

    fireEvent.click(screen.getByRole('button', { name: 'Take (415) 555-0123 off the list' }));
    const dialog = screen.getByRole('alertdialog', { name: "Take (415) 555-0123 off Beaker's list?" });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Wrong number' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take off the list' }));
    await waitFor(() => expect(sent[1]).toEqual({ method: 'DELETE', url: '/v1/admin/dnc/d1', body: { reason: 'Wrong number' } }));
    expect(await screen.findByText('(415) 555-0123 taken off the list.')).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('status=active'))).toBe(true);
  });
});

describe('the health page', () => {
  it('shows each circuit breaker’s state in words, and links the queue dashboard', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/health/circuit-breakers': () =>
        jsonResponse(200, {
          items: [
            { name: 'vapi:place_call', state: 'open', failures: 5, lastFailureAt: '2026-12-01T00:00:00.000Z', lastError: 'HTTP 503 Service Unavailable', openedAt: '2026-12-01T00:00:00.000Z', opens: 1, closes: 0 },
            { name: 'twilio:send_sms', state: 'closed', failures: 0, lastFailureAt: null, lastError: null, openedAt: null, opens: 0, closes: 0 },
          ],
          nextCursor: null,
        }),
      'GET /v1/admin/health/webhooks': () => jsonResponse(200, webhookHealth),
      'GET /v1/admin/health/queues': () => jsonResponse(200, { items: [{ name: 'webhooks', waiting: 4, active: 1, delayed: 2, failed: 3, completed: 50, paused: false }], nextCursor: null }),
    });
    renderAdmin('/admin/health');
    const table = await screen.findByRole('table', { name: 'Circuit breakers by provider operation' });
    const rows = within(table).getAllByRole('row');
    expect(rows[1].textContent).toContain('Open: calls refused');
    expect(rows[1].textContent).toContain('HTTP 503 Service Unavailable');
    expect(rows[2].textContent).toContain('Closed');
    expect(screen.getByRole('link', { name: 'Open the queue dashboard' }).getAttribute('href')).toBe('/admin/queues');
  });

  it('shows the webhook backlog per provider, the oldest wait, the latest failures (to their pages), the queues and their dashboard inside the page', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/health/circuit-breakers': () => jsonResponse(200, { items: [], nextCursor: null }),
      'GET /v1/admin/health/webhooks': () => jsonResponse(200, webhookHealth),
      'GET /v1/admin/health/queues': () => jsonResponse(200, { items: [{ name: 'webhooks', waiting: 4, active: 1, delayed: 2, failed: 3, completed: 50, paused: false }], nextCursor: null }),
    });
    renderAdmin('/admin/health');
    const backlog = await screen.findByRole('table', { name: 'Webhook events by provider and status' });
    const stripe = within(backlog).getAllByRole('row')[1];
    expect(stripe.textContent).toContain('stripe');
    expect(within(stripe).getByRole('link', { name: '2' }).getAttribute('href')).toBe('/admin/webhook-events?provider=stripe&status=failed');
    expect(screen.getByTestId('oldest-pending').textContent).toBe('The oldest waiting event arrived 30 min ago.');
    const failures = screen.getByRole('table', { name: 'The latest failed webhook events, newest first' });
    expect(within(failures).getByRole('link').getAttribute('href')).toBe('/admin/webhook-events/e9');
    expect(failures.textContent).toContain('no business yet');
    const queues = await screen.findByRole('table', { name: 'Jobs by queue' });
    expect(within(queues).getAllByRole('row')[1].textContent).toContain('webhooks');
    expect(screen.getByTitle('Queue dashboard').getAttribute('src')).toBe('/admin/queues');
  });
});

const webhookHealth = {
  providers: [
    { provider: 'stripe', pending: 3, processing: 0, failed: 2, completedLast24h: 40, ignoredLast24h: 1, oldestPendingAt: '2026-12-01T00:00:00.000Z' },
    { provider: 'twilio', pending: 0, processing: 0, failed: 0, completedLast24h: 7, ignoredLast24h: 0, oldestPendingAt: null },
    { provider: 'vapi', pending: 0, processing: 1, failed: 0, completedLast24h: 12, ignoredLast24h: 0, oldestPendingAt: '2026-12-01T00:20:00.000Z' },
  ],
  oldestPendingAgeSeconds: 1800,
  recentFailures: [
    { id: 'e9', provider: 'stripe', eventId: 'evt_9', eventType: 'invoice.paid', status: 'failed', attempts: 3, lastError: 'no business yet', receivedAt: '2026-12-01T00:00:00.000Z', processedAt: null },
  ],
};
