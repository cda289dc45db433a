import type { BusinessOverview } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { BillingPage } from './billing-page';

const ending = {
  id: 'b1',
  name: 'Cool Air HVAC',
  status: 'active',
  plan: 'starter',
  callsIncluded: 100,
  callsUsedThisPeriod: 3,
  currentPeriodEnd: '2026-03-01T12:00:00.000Z',
  pastDueSince: null,
  cancelAtPeriodEnd: true,
  phoneNumber: { e164: '+13035550100', status: 'active' },
  provisioning: { status: 'done', currentStep: null, steps: [], error: null },
  assistant: { businessName: 'Cool Air HVAC', greeting: 'Hi!', hours: null },
  callsPausedReason: null,
  yourRole: 'owner',
} as unknown as BusinessOverview;

afterEach(() => vi.unstubAllGlobals());

function renderBilling(overviews: BusinessOverview[]) {
  let served = 0;
  const fetchMock = stubApi({
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, overviews[Math.min(served++, overviews.length - 1)]),
    'POST /v1/businesses/b1/subscription/resume': () => jsonResponse(200, { cancelAtPeriodEnd: false, currentPeriodEnd: '2026-03-01T12:00:00.000Z' }),
  });
  renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ path: 'billing', element: <BillingPage /> }] }], '/app/businesses/b1/billing');
  return fetchMock;
}

describe('the billing page', () => {
  it('says when a cancelled subscription ends, that calls are answered until then, and resumes it', async () => {
    const fetchMock = renderBilling([ending, { ...ending, cancelAtPeriodEnd: false }]);
    const notice = await screen.findByTestId('subscription-ending');
    expect(within(notice).getByText('Your subscription ends on Mar 1, 2026.')).toBeTruthy();
    expect(within(notice).getByText(/Your assistant answers every call until then/)).toBeTruthy();
    expect(screen.getByText('Ends')).toBeTruthy();
    fireEvent.click(within(notice).getByRole('button', { name: 'Resume subscription' }));
    await waitFor(() => expect(screen.queryByTestId('subscription-ending')).toBeNull());
    expect(fetchMock.mock.calls.some(([input, init]) => String(input).endsWith('/v1/businesses/b1/subscription/resume') && init?.method === 'POST')).toBe(true);
    expect(screen.getByText('Renews')).toBeTruthy();
  });

  it('tells a member an owner can resume it, with no button', async () => {
    renderBilling([{ ...ending, yourRole: 'member' } as BusinessOverview]);
    const notice = await screen.findByTestId('subscription-ending');
    expect(within(notice).getByText('An owner can resume it from Billing.')).toBeTruthy();
    expect(within(notice).queryByRole('button')).toBeNull();
  });
});
