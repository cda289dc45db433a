import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { SandboxPortalPage } from './sandbox-portal-page';

afterEach(() => vi.unstubAllGlobals());

const sub = { id: 'sub_1', plan: 'starter', status: 'active', cancelAtPeriodEnd: false, currentPeriodEnd: '2026-03-01T12:00:00.000Z' };

describe('the sandbox billing portal', () => {
  it('cancels at the period’s end after a confirmation that says service continues, then offers Resume', async () => {
    let current = { ...sub };
    const bodies: Record<string, unknown>[] = [];
    stubApi({
      'GET /v1/sandbox/portal/cus_1': () => jsonResponse(200, { customerId: 'cus_1', email: 'owner@example.com', subscription: current, returnUrl: null }),
      'POST /v1/sandbox/portal/cus_1/cancel': (init) => {
        bodies.push(JSON.parse(String(init.body)));
        current = { ...current, cancelAtPeriodEnd: true };
        return jsonResponse(200, { subscription: current, deliveries: [] });
      },
      'POST /v1/sandbox/portal/cus_1/resume': () => {
        current = { ...current, cancelAtPeriodEnd: false };
        return jsonResponse(200, { subscription: current, deliveries: [] });
      },
    });
    renderRoutes([{ path: '/sandbox/portal/:customerId', element: <SandboxPortalPage /> }], '/sandbox/portal/cus_1');
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel subscription' }));
    expect(screen.getByText(/Your assistant keeps answering calls until Mar 1, 2026/)).toBeTruthy();
    expect(bodies).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel on Mar 1, 2026' }));
    await waitFor(() => expect(bodies).toEqual([{ atPeriodEnd: true }]));
    expect(await screen.findByText('Your subscription ends on Mar 1, 2026; your assistant answers calls until then.')).toBeTruthy();
    expect(screen.getByTestId('portal-status').textContent).toBe('Active');
    fireEvent.click(screen.getByRole('button', { name: 'Resume subscription' }));
    expect(await screen.findByRole('button', { name: 'Cancel subscription' })).toBeTruthy();
  });
});
