import type { BusinessAnalytics, BusinessOverview } from '@beaker/contracts';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import AnalyticsPage from './analytics-page';

const overview = {
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
  phoneNumber: { e164: '+13035550100', status: 'active' },
  provisioning: { status: 'done', currentStep: null, steps: [], error: null },
  assistant: { businessName: 'Northside Heating & Air', greeting: 'Hi', hours: null },
  callsPausedReason: null,
  yourRole: 'owner',
} as unknown as BusinessOverview;

function analytics(calls: number): BusinessAnalytics {
  const tile = (value: number | null, previous: number | null, change: number | null) => ({ value, previous, change });
  return {
    businessId: 'b1',
    timeZone: 'America/Denver',
    from: '2026-03-04',
    to: '2026-03-10',
    interval: 'day',
    tiles: { calls: tile(calls, 10, calls ? 0.3 : -1), leads: tile(6, 4, 0.5), answeredRate: tile(0.5385, 0.5, 0.0769), minutes: tile(32, 10, 2.2), timeToCall: tile(20, 10, 1) },
    series: [{ start: '2026-03-04', calls, inbound: calls, outboundLead: 0, answered: 1, ended: 2, minutes: 5, leads: 1, timeToCallP50Seconds: 20, timeToCallP90Seconds: 20 }],
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the Analytics page', () => {
  it('shows the tiles against the previous period, and fetches again when the range changes', async () => {
    vi.stubGlobal(
      'ResizeObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
    const answers = [analytics(13), analytics(0)];
    const fetchMock = stubApi({
      'GET /v1/businesses/b1/overview': () => jsonResponse(200, overview),
      'GET /v1/businesses/b1/analytics': () => jsonResponse(200, answers.shift() ?? analytics(0)),
    });
    renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ path: 'analytics', element: <AnalyticsPage /> }] }], '/app/businesses/b1/analytics');

    expect(await screen.findByRole('heading', { level: 1, name: 'Analytics' })).toBeTruthy();
    const calls = await screen.findByTestId('tile-calls');
    expect(within(calls).getByText('13')).toBeTruthy();
    expect(within(calls).getByText('▲ 30% vs the previous period')).toBeTruthy();
    expect(within(screen.getByTestId('tile-answeredRate')).getByText('54%')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Last 30 days' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    expect(await within(screen.getByTestId('tile-calls')).findByText('0')).toBeTruthy();
    const urls = fetchMock.mock.calls.map(([input]) => String(input)).filter((u) => u.includes('/analytics'));
    expect(urls).toHaveLength(2);
    expect(urls[1]).toMatch(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&interval=day/);
  });
});
