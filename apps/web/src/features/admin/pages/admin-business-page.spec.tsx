import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { businessDetail, renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('the business page', () => {
  it('shows the overview, Stripe ids, members, recent calls (to the call’s staff page) and audit lines', async () => {
    stubApi({ 'GET /v1/auth/session': () => jsonResponse(200, { user: staff }), 'GET /v1/admin/businesses/b1': () => jsonResponse(200, businessDetail) });
    renderAdmin('/admin/businesses/b1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Cool Air HVAC' })).toBeTruthy();
    const overview = screen.getByRole('region', { name: 'Overview' });
    expect(overview.textContent).toContain('3 of 100');
    expect(overview.textContent).toContain('(773) 555-0100');
    expect(screen.getByRole('region', { name: 'Stripe' }).textContent).toContain('cus_123');
    expect(within(screen.getByRole('region', { name: 'Members' })).getByRole('link', { name: 'dana@coolair.example' }).getAttribute('href')).toBe('/admin/users/u1');
    const calls = screen.getByRole('table', { name: 'The 10 latest calls, newest first' });
    expect(within(calls).getAllByRole('link')[0].getAttribute('href')).toBe('/admin/calls/c1');
    expect(calls.textContent).toContain('(312) 555-0142');
    const margin = screen.getByRole('region', { name: 'Costs and margin, last 30 days' });
    expect(margin.textContent).toContain('$99.00');
    expect(margin.textContent).toContain('$112.50');
    expect(within(margin).getByText('-$13.50').className).toContain('admin-loss');
    const audit = screen.getByRole('region', { name: 'Audit' });
    expect(audit.textContent).toContain('dnc.add');
    expect(within(audit).getByRole('link', { name: 'Open in the audit log' }).getAttribute('href')).toBe('/admin/audit?businessId=b1');
  });
});
