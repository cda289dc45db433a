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

function renderBilling(overviews: BusinessOverview[], extra: Parameters<typeof stubApi>[0] = {}) {
  let served = 0;
  const fetchMock = stubApi({
    ...extra,
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

  describe('changing plans', () => {
    const active = { ...ending, cancelAtPeriodEnd: false } as BusinessOverview;
    const preview = {
      currentPlan: 'starter',
      plan: 'pro',
      currency: 'usd',
      newPrice: 29_900,
      prorationAmount: 13_333,
      amountDueNow: 13_333,
      nextInvoiceAmount: 29_900,
      nextInvoiceDate: '2026-03-01T12:00:00.000Z',
      prorationDate: 1_771_000_000,
    };

    it('shows the new price, what is due today and the next invoice before anything changes, then changes at the previewed moment', async () => {
      const fetchMock = renderBilling([active, active, { ...active, plan: 'pro', callsIncluded: 500 } as BusinessOverview], {
        'GET /v1/businesses/b1/subscription/plan-change': () => jsonResponse(200, preview),
        'POST /v1/businesses/b1/subscription/plan-change': () => jsonResponse(200, { plan: 'pro', amountDueNow: 13_333, currentPeriodEnd: '2026-03-01T12:00:00.000Z' }),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Switch to Pro' }));
      const confirm = await screen.findByTestId('plan-change-confirm');
      expect(within(confirm).getByText('$299.00 a month')).toBeTruthy();
      expect(within(confirm).getByText('Due today').nextElementSibling?.textContent).toBe('$133.33');
      expect(within(confirm).getByText('$299.00 on Mar 1, 2026')).toBeTruthy();
      // Looking changed nothing.
      const posts = () => fetchMock.mock.calls.filter(([input, init]) => String(input).includes('/subscription/plan-change') && init?.method === 'POST');
      expect(posts()).toHaveLength(0);
      expect(fetchMock.mock.calls.some(([input]) => String(input).includes('/subscription/plan-change?plan=pro'))).toBe(true);

      fireEvent.click(within(confirm).getByRole('button', { name: 'Switch and pay $133.33' }));
      const done = await screen.findByTestId('plan-changed');
      expect(within(done).getByText("You're now on Pro.")).toBeTruthy();
      expect(within(done).getByText(/We charged \$133\.33/)).toBeTruthy();
      expect(posts()).toHaveLength(1);
      expect(JSON.parse(String(posts()[0][1]?.body))).toEqual({ plan: 'pro', prorationDate: 1_771_000_000 });
    });

    it('"Keep Starter" goes back without changing anything; a downgrade shows its credit', async () => {
      const fetchMock = renderBilling([{ ...active, plan: 'pro' } as BusinessOverview], {
        'GET /v1/businesses/b1/subscription/plan-change': () =>
          jsonResponse(200, { ...preview, currentPlan: 'pro', plan: 'starter', newPrice: 9900, prorationAmount: -13_333, amountDueNow: 0, nextInvoiceAmount: 0 }),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Switch to Starter' }));
      const confirm = await screen.findByTestId('plan-change-confirm');
      expect(within(confirm).getByText('Credit for this period').nextElementSibling?.textContent).toBe('$133.33');
      expect(within(confirm).getByRole('button', { name: 'Switch to Starter' })).toBeTruthy();
      fireEvent.click(within(confirm).getByRole('button', { name: 'Keep Pro' }));
      await waitFor(() => expect(screen.queryByTestId('plan-change-confirm')).toBeNull());
      expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    });

    it('says when the figures are out of date', async () => {
      renderBilling([active], {
        'GET /v1/businesses/b1/subscription/plan-change': () => jsonResponse(200, preview),
        'POST /v1/businesses/b1/subscription/plan-change': () =>
          jsonResponse(409, { type: 'about:blank', title: 'x', status: 409, code: 'BILLING.PREVIEW_EXPIRED' }),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Switch to Pro' }));
      fireEvent.click(await screen.findByRole('button', { name: 'Switch and pay $133.33' }));
      expect((await screen.findByRole('alert')).textContent).toContain('These figures are out of date');
    });

    it('members see no plan change', async () => {
      renderBilling([{ ...active, yourRole: 'member' } as BusinessOverview]);
      await screen.findByText('Only the business\'s owners manage billing.');
      expect(screen.queryByRole('button', { name: /Switch to/ })).toBeNull();
    });
  });

  describe('after a cancellation', () => {
    const canceled = { ...ending, status: 'canceled', cancelAtPeriodEnd: false } as BusinessOverview;

    it('owners subscribe the same business again: a checkout for it, and the number is said to be kept', async () => {
      const assign = vi.fn();
      vi.stubGlobal('location', { ...window.location, assign });
      const fetchMock = renderBilling([canceled], {
        'POST /v1/billing/checkout-sessions': () => jsonResponse(201, { id: 'cs_1', url: 'http://localhost/sandbox/checkout/cs_1' }),
      });
      const section = await screen.findByTestId('resubscribe');
      expect(within(section).getByText(/We keep \(303\) 555-0100 for you for at least 30 days/)).toBeTruthy();
      // No plan change on a subscription that has ended.
      expect(screen.queryByRole('button', { name: /^Switch to/ })).toBeNull();
      fireEvent.click(within(section).getByRole('button', { name: 'Pro · $299.00 a month' }));
      await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost/sandbox/checkout/cs_1'));
      const post = fetchMock.mock.calls.find(([input, init]) => String(input).endsWith('/v1/billing/checkout-sessions') && init?.method === 'POST');
      expect(JSON.parse(String(post?.[1]?.body))).toEqual({ plan: 'pro', businessId: 'b1' });
    });

    it('members are told only owners manage billing', async () => {
      renderBilling([{ ...canceled, yourRole: 'member' } as BusinessOverview]);
      await screen.findByText("Only the business's owners manage billing.");
      expect(screen.queryByTestId('resubscribe')).toBeNull();
    });
  });
});
