import type { AdminBusinessMargin, AdminCostReport, ProviderCostRow } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../../test/render';
import { renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

const gym: AdminBusinessMargin = { businessId: 'b2', businessName: 'Pricey Gym', plan: 'starter', status: 'active', invoices: 1, revenueUsd: 99, calls: 2, costUsd: 110.1, marginUsd: -11.1 };
const coolAir: AdminBusinessMargin = { businessId: 'b1', businessName: 'Cool Air HVAC', plan: 'pro', status: 'active', invoices: 1, revenueUsd: 299, calls: 3, costUsd: 2.05, marginUsd: 296.95 };
const head = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

function stubCosts() {
  const asked: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/v1/auth/session') return jsonResponse(200, { user: staff });
      if (url.pathname === '/v1/admin/costs') {
        asked.push(url);
        if (url.searchParams.get('groupBy') === 'provider') {
          const report: AdminCostReport<ProviderCostRow> = {
            ...head,
            groupBy: 'provider',
            items: [{ day: '2026-11-05', provider: 'twilio', calls: 2, costUsd: 0.45 }],
            nextCursor: null,
            totals: { calls: 2, costUsd: 0.45, revenueUsd: null, marginUsd: null },
          };
          return jsonResponse(200, report);
        }
        const report: AdminCostReport<AdminBusinessMargin> = {
          ...head,
          groupBy: 'business',
          items: [gym, coolAir],
          nextCursor: null,
          totals: { calls: 5, costUsd: 112.15, revenueUsd: 398, marginUsd: 285.85 },
        };
        return jsonResponse(200, report);
      }
      throw new Error(`Unexpected API call in test: ${url.pathname}`);
    }),
  );
  return asked;
}

describe('the costs page', () => {
  it('asks for the period in the URL (whole UTC days), shows least profitable first, sorts, links each business, offers the CSV', async () => {
    const asked = stubCosts();
    renderAdmin('/admin/costs?from=2026-11-01&to=2026-11-30&groupBy=business');
    const table = await screen.findByRole('table', { name: 'Margin per business, least profitable first' });
    expect(asked[0].searchParams.get('from')).toBe('2026-11-01T00:00:00.000Z');
    expect(asked[0].searchParams.get('to')).toBe('2026-12-01T00:00:00.000Z');
    expect(asked[0].searchParams.get('groupBy')).toBe('business');

    const names = () => within(table).getAllByRole('link').map((a) => a.textContent);
    expect(names()).toEqual(['Pricey Gym', 'Cool Air HVAC']);
    expect(within(table).getByRole('link', { name: 'Pricey Gym' }).getAttribute('href')).toBe('/admin/businesses/b2');
    expect(within(table).getByText('-$11.10').className).toContain('admin-loss');
    // Sorting by margin: numbers sort highest first on the first click, then lowest first.
    fireEvent.click(within(table).getByRole('button', { name: /Margin/ }));
    expect(names()).toEqual(['Cool Air HVAC', 'Pricey Gym']);
    fireEvent.click(within(table).getByRole('button', { name: /Margin/ }));
    expect(names()).toEqual(['Pricey Gym', 'Cool Air HVAC']);

    expect(screen.getByText('$398.00')).toBeTruthy();
    const csv = screen.getByRole('link', { name: 'Download CSV' });
    const href = new URL(csv.getAttribute('href')!, 'http://localhost');
    expect(href.pathname).toBe('/v1/admin/costs');
    expect(Object.fromEntries(href.searchParams)).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z', groupBy: 'business', format: 'csv' });
  });

  it('switches to costs per provider and day', async () => {
    const asked = stubCosts();
    renderAdmin('/admin/costs?from=2026-11-01&to=2026-11-30');
    await screen.findByRole('table', { name: 'Margin per business, least profitable first' });
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'provider' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    const table = await screen.findByRole('table', { name: 'Call costs per provider per day' });
    expect(table.textContent).toContain('twilio');
    await waitFor(() => expect(asked.at(-1)!.searchParams.get('groupBy')).toBe('provider'));
  });

  it('refuses a period that ends before it starts', async () => {
    stubCosts();
    renderAdmin('/admin/costs?from=2026-11-10&to=2026-11-30');
    await screen.findByRole('table', { name: 'Margin per business, least profitable first' });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('The last day must be on or after the first.')).toBeTruthy();
  });
});
