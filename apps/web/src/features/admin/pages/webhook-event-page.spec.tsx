import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { renderAdmin, staff, webhookEvent } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('the webhook event page', () => {
  it('shows the payload and timeline; replays only after a confirmation, and shows the outcome', async () => {
    const fetchMock = stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/webhook-events/e1': () => jsonResponse(200, webhookEvent),
      'GET /v1/admin/webhook-events': () => jsonResponse(200, { items: [], nextCursor: null }),
      'POST /v1/admin/webhook-events/e1/replay': () =>
        jsonResponse(200, {
          ...webhookEvent,
          attempts: 2,
          attemptsLog: [...webhookEvent.attemptsLog, { attempt: 2, trigger: 'replay', outcome: 'completed', error: null, startedAt: '2026-12-02T00:00:00.000Z', finishedAt: '2026-12-02T00:00:01.000Z' }],
          timeline: [...webhookEvent.timeline, { at: '2026-12-02T00:00:01.000Z', kind: 'completed', attempt: 2, trigger: 'replay', error: null }],
        }),
    });
    renderAdmin('/admin/webhook-events/e1');
    expect(await screen.findByRole('heading', { level: 1, name: 'vapi end-of-call-report' })).toBeTruthy();
    expect(screen.getByLabelText('Payload as JSON').textContent).toContain('"type": "end-of-call-report"');

    fireEvent.click(screen.getByRole('button', { name: 'Replay…' }));
    expect(screen.getByRole('alertdialog', { name: 'Replay this event?' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' })));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Replay…' })));

    fireEvent.click(screen.getByRole('button', { name: 'Replay…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replay event' }));
    expect((await screen.findByRole('status')).textContent).toContain('Replayed: attempt 2 completed');
    expect(screen.getByText(/replayed by staff/)).toBeTruthy();
  });
});
