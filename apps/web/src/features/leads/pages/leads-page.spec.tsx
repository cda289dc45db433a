import type { LeadSummary } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { businessOverview } from '../../../test/business';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { filterValuesFromParams, paramsFromFilterValues, toLeadApiFilters } from '../components/lead-filters';
import { LeadsPage } from './leads-page';

const business = businessOverview({ callsUsedThisPeriod: 3, currentPeriodEnd: '2026-03-01T00:00:00.000Z', industry: 'hvac', scenario: 'lead_intake', pastDueSince: null, phoneNumber: { e164: '+13035550100', status: 'active' } });

const deferred: LeadSummary = {
  id: 'l1',
  source: 'form',
  status: 'deferred',
  statusReason: 'federal.calling_hours',
  phone: '+12125550142',
  name: 'Dana Reyes',
  message: 'AC is broken',
  nextAttemptAt: '2026-02-07T13:00:00.000Z',
  attempts: 0,
  createdAt: '2026-02-07T03:00:00.000Z',
};

afterEach(() => vi.unstubAllGlobals());

function renderLeads(path: string, leads: LeadSummary[] = [deferred]) {
  const fetchMock = stubApi({
    'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
    'GET /v1/businesses/b1/leads': () => jsonResponse(200, { items: leads, nextCursor: null }),
    'GET /v1/businesses/b1/lead-notifications': () => jsonResponse(200, { emailOnNewLead: true }),
    'PUT /v1/businesses/b1/lead-notifications': (init) => jsonResponse(200, JSON.parse(String(init.body))),
  });
  const view = renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ path: 'leads', element: <LeadsPage /> }] }], path);
  const leadRequests = () => fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/v1/businesses/b1/leads'));
  return { ...view, fetchMock, leadRequests };
}

describe('leads filters and the URL', () => {
  it('read from the URL and write back only what is set', () => {
    const values = filterValuesFromParams(new URLSearchParams('status=blocked&from=2026-02-01&to=2026-02-03&settings=notifications'));
    expect(values).toEqual({ status: 'blocked', fromDate: '2026-02-01', toDate: '2026-02-03' });
    expect(paramsFromFilterValues(values).toString()).toBe('status=blocked&from=2026-02-01&to=2026-02-03');
    expect(paramsFromFilterValues({ status: '', fromDate: '', toDate: '2026-02-03' }).toString()).toBe('to=2026-02-03');
  });

  it('become the API’s filters: whole days in the viewer’s zone, the end day included; unknown values dropped', () => {
    expect(toLeadApiFilters({ status: 'blocked', fromDate: '2026-02-01', toDate: '2026-02-03' })).toEqual({
      status: 'blocked',
      from: new Date(2026, 1, 1).toISOString(),
      to: new Date(2026, 1, 4).toISOString(),
    });
    expect(toLeadApiFilters({ status: 'maybe', fromDate: 'yesterday', toDate: '' })).toEqual({ status: undefined, from: undefined, to: undefined });
  });
});

describe('the leads page', () => {
  it('asks the API with the URL’s filters and shows each lead with its status in a word and a reason', async () => {
    const { leadRequests } = renderLeads('/app/businesses/b1/leads?status=deferred&from=2026-02-01');
    const table = await screen.findByRole('table', { name: 'Leads with status Deferred from 2026-02-01, newest first' });
    expect(new URL(leadRequests()[0], 'http://x').searchParams.get('status')).toBe('deferred');
    expect(new URL(leadRequests()[0], 'http://x').searchParams.get('from')).toBe(new Date(2026, 1, 1).toISOString());
    expect((screen.getByRole('combobox', { name: 'Status' }) as HTMLSelectElement).value).toBe('deferred');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-02-01');
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByRole('link', { name: 'Dana Reyes' }).getAttribute('href')).toBe('/app/businesses/b1/leads/l1');
    expect(within(row).getByText('Deferred').getAttribute('data-status')).toBe('deferred');
    expect(row.textContent).toContain("Outside calling hours (8 am–9 pm at the lead's location)");
    expect(row.textContent).toContain('(212) 555-0142');
    expect(row.textContent).toContain('Web form');
  });

  it('puts the filters the person applies into the URL, and asks again', async () => {
    const { router, leadRequests } = renderLeads('/app/businesses/b1/leads');
    await screen.findByRole('table');
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'blocked' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-02-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=blocked&to=2026-02-03'));
    await waitFor(() => expect(leadRequests().some((url) => url.includes('status=blocked'))).toBe(true));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('pages with the API’s cursor: "Load more leads" asks for the next page and adds it', async () => {
    const second: LeadSummary = { ...deferred, id: 'l2', name: 'Sam Ortiz', status: 'blocked', statusReason: 'dnc.business', nextAttemptAt: null };
    // The first page names a cursor; the page it points to is the last.
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        const url = new URL(String(input), 'http://localhost');
        if (url.pathname === '/v1/businesses/b1/overview') return jsonResponse(200, business);
        if (url.pathname === '/v1/businesses/b1/lead-notifications') return jsonResponse(200, { emailOnNewLead: true });
        if (url.pathname === '/v1/businesses/b1/leads') {
          return jsonResponse(200, url.searchParams.get('cursor') === 'c2' ? { items: [second], nextCursor: null } : { items: [deferred], nextCursor: 'c2' });
        }
        throw new Error(`Unexpected API call in test: ${url.pathname}`);
      }),
    );
    renderRoutes([{ path: '/app/businesses/:businessId', element: <BusinessLayout />, children: [{ path: 'leads', element: <LeadsPage /> }] }], '/app/businesses/b1/leads');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more leads' }));
    expect(await within(table).findByRole('link', { name: 'Sam Ortiz' })).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more leads' })).toBeNull();
  });

  it('refuses a start date after the end date', async () => {
    const { router } = renderLeads('/app/businesses/b1/leads');
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-02-05' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-02-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The start date must be on or before the end date.');
    expect(router.state.location.search).toBe('');
  });

  it('lands on the new-lead email switch from the email’s link, and saves it when switched', async () => {
    // jsdom lays nothing out, so it has no scrollIntoView.
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    const { fetchMock } = renderLeads('/app/businesses/b1/leads?settings=notifications', []);
    expect(await screen.findByText(/No leads yet/)).toBeTruthy();
    const toggle = await screen.findByRole('switch', { name: 'Email me every new lead' });
    await waitFor(() => expect(document.activeElement).toBe(toggle));
    expect(scrolled).toHaveBeenCalled();
    expect((toggle as HTMLInputElement).checked).toBe(true);
    fireEvent.click(toggle);
    expect((toggle as HTMLInputElement).checked).toBe(false);
    expect(await screen.findByText('Saved: no more new-lead emails.')).toBeTruthy();
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({ emailOnNewLead: false });
  });
});
