import type { BusinessOverview } from '@beaker/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../components/business-layout';
import { OverviewPage } from './overview-page';

const base: BusinessOverview = {
  id: 'b1',
  name: 'Northside Heating & Air',
  status: 'active',
  plan: 'starter',
  callsIncluded: 100,
  callsUsedThisPeriod: 12,
  currentPeriodEnd: '2026-03-01T00:00:00.000Z',
  industry: 'hvac',
  scenario: 'lead_intake',
  pastDueSince: null,
  cancelAtPeriodEnd: false,
  phoneNumber: null,
  provisioning: {
    status: 'in_progress',
    currentStep: 'number',
    steps: [
      { step: 'assistant', done: true },
      { step: 'number', done: false },
      { step: 'connect', done: false },
    ],
    error: null,
  },
  assistant: { businessName: 'Northside Heating & Air', greeting: 'Thanks for calling!', hours: null },
  callsPausedReason: 'provisioning',
  yourRole: 'owner',
};

const call = {
  id: 'c1',
  direction: 'inbound',
  status: 'completed',
  from: '+13125550142',
  to: '+13035550100',
  createdAt: '2026-02-10T15:00:00.000Z',
  startedAt: null,
  endedAt: null,
  durationSeconds: 75,
  endedReason: 'customer-ended-call',
  summary: 'Needs an AC repair.',
  callerName: 'Dana Reyes',
  inboundRoute: 'assistant',
};

afterEach(() => vi.unstubAllGlobals());

function renderOverview(overview: BusinessOverview, calls: unknown[] = [], extra: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    ...extra,
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, overview),
    'GET /v1/businesses/b1/calls': () => jsonResponse(200, { items: calls, nextCursor: null }),
    'GET /v1/businesses/b1/lead-counts': () => jsonResponse(200, { total: 7, byStatus: { new: 0, calling: 1, called: 4, deferred: 1, blocked: 1, failed: 0 } }),
  });
}

function renderOverviewPage(overview: BusinessOverview, calls: unknown[] = [], extra: Parameters<typeof stubApi>[0] = {}) {
  const fetchMock = renderOverview(overview, calls, extra);
  renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ index: true, element: <OverviewPage /> }] }], '/app/businesses/b1');
  return fetchMock;
}

describe('the dashboard overview', () => {
  it('shows the setup step by step while the number is being provisioned', async () => {
    renderOverviewPage(base);
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeTruthy();
    const steps = screen.getByRole('list', { name: 'Setup progress' });
    expect(within(steps).getByText('Assistant created')).toBeTruthy();
    expect(within(steps).getByText('Getting a local phone number…')).toBeTruthy();
    expect(screen.queryByTestId('business-number')).toBeNull();
    expect(screen.getByTestId('business-status').textContent).toBe('Active');
  });

  it('shows the number, the usage and the latest calls once live; and why callers get the fallback', async () => {
    renderOverviewPage(
      {
        ...base,
        callsUsedThisPeriod: 100,
        callsPausedReason: 'over_limit',
        phoneNumber: { e164: '+13035550100', status: 'active' },
        provisioning: { status: 'done', currentStep: null, steps: base.provisioning.steps.map((s) => ({ ...s, done: true })), error: null },
      },
      [call],
    );
    expect((await screen.findByTestId('business-number')).textContent).toBe('(303) 555-0100');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('100 of 100 calls used');
    expect(screen.getByText("You've used all the calls in your plan")).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Dana Reyes · (312) 555-0142' })).toBeTruthy();
    // The leads tile: this period's leads, called, deferred and blocked, with the way to all of them.
    expect((await screen.findByTestId('leads-total')).textContent).toBe('7');
    expect(screen.getByTestId('leads-called').textContent).toBe('4');
    expect(screen.getByTestId('leads-deferred').textContent).toBe('1');
    expect(screen.getByTestId('leads-blocked').textContent).toBe('1');
    expect(screen.getByRole('link', { name: 'All leads' }).getAttribute('href')).toBe('/app/businesses/b1/leads');
  });

  it('offers owners a retry when the setup failed', async () => {
    renderOverviewPage({ ...base, provisioning: { ...base.provisioning, status: 'failed', error: 'We could not get a phone number.' } });
    expect(await screen.findByText('We could not get a phone number.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry setup' })).toBeTruthy();
  });

  it('says the number is connecting, with no checklist, until setup is done', async () => {
    renderOverviewPage(base);
    expect(await screen.findByText('Connecting your number…')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Get started' })).toBeNull();
  });

  it('once live, gives the checklist: hear the agent, forward the line per carrier with the number filled in, a form, the team', async () => {
    renderOverviewPage({
      ...base,
      callsPausedReason: null,
      phoneNumber: { e164: '+13035550100', status: 'active' },
      provisioning: { status: 'done', currentStep: null, steps: base.provisioning.steps.map((s) => ({ ...s, done: true })), error: null },
    });
    const checklist = (await screen.findByRole('heading', { level: 2, name: 'Get started' })).closest('article')!;
    expect(screen.queryByText('Connecting your number…')).toBeNull();
    const items = within(checklist).getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(items).toEqual(['Hear your agent', 'Forward your line', 'Add a form', 'Invite your team']);
    expect(within(checklist).getByRole('link', { name: '(303) 555-0100' }).getAttribute('href')).toBe('tel:+13035550100');
    const carriers = Array.from(checklist.querySelectorAll('details'));
    expect(carriers.map((d) => d.querySelector('summary')!.textContent)).toEqual(['AT&T', 'Verizon', 'T-Mobile', 'Another carrier or a landline']);
    expect(carriers.map((d) => d.querySelector('code')!.textContent)).toEqual(['*21*3035550100#', '*723035550100', '**21*13035550100#', '*723035550100']);
    expect(within(checklist).getByRole('link', { name: 'Add a form' }).getAttribute('href')).toBe('/app/businesses/b1/forms');
    expect(within(checklist).getByRole('link', { name: 'Invite your team' }).getAttribute('href')).toBe('/app/businesses/b1/team');
  });

  it('shows no checklist for a canceled business', async () => {
    renderOverviewPage({
      ...base,
      status: 'canceled',
      callsPausedReason: 'canceled',
      phoneNumber: { e164: '+13035550100', status: 'active' },
      provisioning: { status: 'done', currentStep: null, steps: base.provisioning.steps.map((s) => ({ ...s, done: true })), error: null },
    });
    expect(await screen.findByTestId('business-number')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Get started' })).toBeNull();
  });

  describe('"Hear your agent"', () => {
    const live = {
      ...base,
      callsPausedReason: null,
      phoneNumber: { e164: '+13035550100', status: 'active' },
      provisioning: { status: 'done', currentStep: null, steps: base.provisioning.steps.map((s) => ({ ...s, done: true })), error: null },
    } as BusinessOverview;
    const report = (status: string) => ({ ...call, id: 'c9', direction: 'outbound_test', status, to: '+13035550123', from: '+13035550100', durationSeconds: status === 'completed' ? 42 : null, endedReason: null });

    it('owners get a button: the assistant calls their phone, the call shows live, then links to its report', async () => {
      let reads = 0;
      const fetchMock = renderOverviewPage(live, [], {
        'POST /v1/businesses/b1/test-calls': () => jsonResponse(202, { callId: 'c9', to: '+13035550123', from: '+13035550100' }),
        'GET /v1/calls/c9': () => jsonResponse(200, report(reads++ === 0 ? 'ringing' : 'completed')),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Call my phone now' }));
      const status = await screen.findByTestId('call-status');
      expect(['Ringing', 'Call ended']).toContain(status.textContent);
      expect(await screen.findByText('Call ended', {}, { timeout: 5000 })).toBeTruthy();
      expect(screen.getByRole('link', { name: 'Read the call’s report' }).getAttribute('href')).toBe('/app/businesses/b1/calls/c9');
      expect(fetchMock.mock.calls.filter(([input, init]) => String(input).endsWith('/v1/businesses/b1/test-calls') && init?.method === 'POST')).toHaveLength(1);
    });

    it('says why when it cannot call (3 an hour)', async () => {
      renderOverviewPage(live, [], {
        'POST /v1/businesses/b1/test-calls': () => jsonResponse(429, { type: 'about:blank', title: 'Too many requests', status: 429, code: 'RATE_LIMITED' }),
      });
      fireEvent.click(await screen.findByRole('button', { name: 'Call my phone now' }));
      expect((await screen.findByRole('alert')).textContent).toContain('3 test calls in the last hour');
    });

    it('members only get the number to dial', async () => {
      renderOverviewPage({ ...live, yourRole: 'member' } as BusinessOverview);
      const checklist = (await screen.findByRole('heading', { level: 2, name: 'Get started' })).closest('article')!;
      expect(screen.queryByRole('button', { name: 'Call my phone now' })).toBeNull();
      expect(within(checklist).getByRole('link', { name: '(303) 555-0100' }).getAttribute('href')).toBe('tel:+13035550100');
    });
  });
});
