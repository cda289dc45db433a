import { FUNNEL_STEPS, type AdminFunnelReport, type AdminMrrReport, type FunnelRow } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../../test/render';
import { renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

const zero = { newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0, reactivationCents: 0 };
const mrr = (from: string, to: string): AdminMrrReport => ({
  from,
  to,
  interval: 'month',
  currency: 'usd',
  periods: [
    { start: '2026-10-01', ...zero, startingMrrCents: 0, newCents: 39800, endingMrrCents: 39800 },
    { start: '2026-11-01', ...zero, startingMrrCents: 39800, expansionCents: 20000, churnCents: -9900, endingMrrCents: 49900 },
  ],
});

const row = (group: string, counts: number[]): FunnelRow => ({
  group,
  steps: FUNNEL_STEPS.map((step, i) => ({
    step,
    count: counts[i],
    fromPrevious: i === 0 || counts[i - 1] === 0 ? null : Math.round((counts[i] / counts[i - 1]) * 10_000) / 10_000,
    overall: counts[0] === 0 ? null : Math.round((counts[i] / counts[0]) * 10_000) / 10_000,
  })),
});

function funnel(from: string, to: string, groupBy: 'week' | 'industry'): AdminFunnelReport {
  const rows =
    groupBy === 'week'
      ? [row('2026-11-02', [3, 2, 1, 1, 1, 1, 1]), row('2026-11-09', [3, 3, 3, 3, 2, 1, 0])]
      : [row('hvac', [3, 3, 2, 2, 2, 1, 1]), row('gym', [0, 0, 0, 0, 0, 0, 0]), row('dental', [2, 2, 2, 2, 1, 1, 0]), row('none', [1, 0, 0, 0, 0, 0, 0])];
  return { from, to, groupBy, rows, total: row('total', [6, 5, 4, 4, 3, 2, 1]) };
}

function stubAnalytics() {
  const asked: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      const q = (name: string) => url.searchParams.get(name)!;
      if (url.pathname === '/v1/auth/session') return jsonResponse(200, { user: staff });
      asked.push(url);
      if (url.pathname === '/v1/admin/analytics/mrr') return jsonResponse(200, mrr(q('from'), q('to')));
      if (url.pathname === '/v1/admin/analytics/funnel') return jsonResponse(200, funnel(q('from'), q('to'), q('groupBy') as 'week' | 'industry'));
      throw new Error(`Unexpected API call in test: ${url.pathname}`);
    }),
  );
  return asked;
}

// The page is a lazy chunk with Recharts: loaded once before the tests (its first load can take a while on a busy machine).
beforeAll(async () => {
  await import('./staff-analytics-page');
}, 60_000);
const LAZY = { timeout: 5_000 };
const texts = (table: HTMLElement) => within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));

describe('the staff analytics page', () => {
  it('shows MRR and its movements in dollars from cents, and the funnel by week and by industry with the conversion rates', async () => {
    const asked = stubAnalytics();
    renderAdmin('/admin/analytics?from=2026-10-01&to=2026-11-15');

    const mrrTable = await screen.findByRole('table', { name: 'MRR and its movements by month' }, LAZY);
    expect(texts(mrrTable)).toEqual([
      ['2026-10', '$0.00', '$398.00', '$0.00', '$0.00', '$0.00', '$0.00', '$398.00'],
      ['2026-11', '$398.00', '$0.00', '$200.00', '$0.00', '-$99.00', '$0.00', '$499.00'],
    ]);
    expect(within(mrrTable).getByText('-$99.00').className).toContain('admin-loss');
    expect(screen.getByTestId('mrr-now').textContent).toBe('MRR at the end of the range: $499.00');
    expect(screen.getByText('MRR and its movements (US dollars)')).toBeTruthy();

    const weeks = await screen.findByRole('table', { name: 'Trial funnel by ISO week of signup' });
    expect(texts(weeks)).toEqual([
      ['2026-11-02', '3', '2 66.7%', '1 50%', '1 100%', '1 100%', '1 100%', '1 100%', '33.3%'],
      ['2026-11-09', '3', '3 100%', '3 100%', '3 100%', '2 66.7%', '1 50%', '0 0%', '0%'],
      ['Total', '6', '5 83.3%', '4 80%', '4 100%', '3 75%', '2 66.7%', '1 50%', '16.7%'],
    ]);
    const industries = await screen.findByRole('table', { name: 'Trial funnel by industry of the first trial' });
    expect(texts(industries).map((r) => [r[0], r[1], r[7], r[8]])).toEqual([
      ['HVAC', '3', '1 100%', '33.3%'],
      ['Gym', '0', '0', '—'],
      ['Dental', '2', '0 0%', '0%'],
      ['No trial', '1', '0', '0%'],
      ['Total', '6', '1 50%', '16.7%'],
    ]);

    const query = (path: string, groupBy?: string) => asked.filter((u) => u.pathname === path && (!groupBy || u.searchParams.get('groupBy') === groupBy)).map((u) => Object.fromEntries(u.searchParams));
    expect(query('/v1/admin/analytics/mrr')).toEqual([{ from: '2026-10-01', to: '2026-11-15', interval: 'month' }]);
    expect(query('/v1/admin/analytics/funnel', 'week')).toEqual([{ from: '2026-10-01', to: '2026-11-15', groupBy: 'week' }]);
    expect(query('/v1/admin/analytics/funnel', 'industry')).toEqual([{ from: '2026-10-01', to: '2026-11-15', groupBy: 'industry' }]);
  });

  it('changes the range with a preset or chosen days; the funnel keeps to its last 366 days', async () => {
    const asked = stubAnalytics();
    renderAdmin('/admin/analytics?from=2026-10-01&to=2026-11-15');
    await screen.findByRole('table', { name: 'MRR and its movements by month' }, LAZY);

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2025-01-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(asked.some((u) => u.pathname.endsWith('/mrr') && u.searchParams.get('from') === '2025-01-01')).toBe(true));
    const funnelFroms = () => asked.filter((u) => u.pathname.endsWith('/funnel')).map((u) => u.searchParams.get('from'));
    await waitFor(() => expect(funnelFroms()).toContain('2025-11-30'));

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('The last day must be on or after the first.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '3 months' }));
    await waitFor(() => expect(screen.getByRole('button', { name: '3 months' }).getAttribute('aria-pressed')).toBe('true'));
    const now = new Date();
    const threeMonthsFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
    await waitFor(() => expect(asked.some((u) => u.pathname.endsWith('/mrr') && u.searchParams.get('from') === threeMonthsFrom)).toBe(true));
  });
});
