import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { customer, renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

const unauthenticated = () => jsonResponse(200, { user: null });

describe('the admin layout', () => {
  it('sends a signed-out visitor to sign-in, coming back to the page afterwards', async () => {
    stubApi({ 'GET /v1/auth/session': unauthenticated });
    const { router } = renderAdmin('/admin/audit?action=user.suspend');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/sign-in');
    expect(router.state.location.search).toBe(`?next=${encodeURIComponent('/admin/audit?action=user.suspend')}`);
  });

  it('tells a signed-in customer the admin is staff only, and asks the admin API nothing', async () => {
    const fetchMock = stubApi({ 'GET /v1/auth/session': () => jsonResponse(200, { user: customer }) });
    renderAdmin('/admin/users/u1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Staff only' })).toBeTruthy();
    expect(screen.getByText(customer.email)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to your account' }).getAttribute('href')).toBe('/app');
    expect(screen.queryByRole('search')).toBeNull();
    expect(fetchMock.mock.calls.map(([url]) => String(url)).filter((url) => url.startsWith('/v1/admin'))).toEqual([]);
  });

  it('gives staff the search box and the sections, the queue dashboard as a link to the API’s page', async () => {
    stubApi({ 'GET /v1/auth/session': () => jsonResponse(200, { user: staff }) });
    renderAdmin('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Beaker admin' })).toBeTruthy();
    expect(screen.getByRole('searchbox', { name: /Search users, businesses, phone numbers/ })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Admin' });
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Search', 'Audit log', 'Abuse', 'Webhook events', 'Do not call', 'Costs', 'Analytics', 'Health', 'Queues']);
    expect(screen.getAllByRole('link', { name: 'Queues' })[0].getAttribute('href')).toBe('/admin/queues');
  });

  it('focuses the search box on `/`, but not while the person types in a field', async () => {
    stubApi({ 'GET /v1/auth/session': () => jsonResponse(200, { user: staff }), 'GET /v1/admin/audit-events': () => jsonResponse(200, { items: [], nextCursor: null }) });
    renderAdmin('/admin/audit');
    const box = await screen.findByRole('searchbox');
    const action = await screen.findByLabelText('Action');
    action.focus();
    fireEvent.keyDown(action, { key: '/' });
    expect(document.activeElement).toBe(action);
    (document.activeElement as HTMLElement).blur();
    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(box);
  });

  it('searches from the box: the query goes into the URL and the results are the API’s, in its order', async () => {
    const fetchMock = stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/search': () =>
        jsonResponse(200, {
          items: [
            { kind: 'phone_number', id: 'p1', title: '+17735550100', subtitle: 'Cool Air HVAC · active', url: '/admin/phone-numbers/p1', businessUrl: '/admin/businesses/b1' },
            { kind: 'lead', id: 'l1', title: '+17735550100', subtitle: 'Sam · called', url: '/admin/leads/l1' },
          ],
          nextCursor: null,
        }),
      'GET /v1/admin/phone-numbers/p1': () =>
        jsonResponse(200, {
          id: 'p1',
          e164: '+17735550100',
          status: 'active',
          businessId: 'b1',
          businessName: 'Cool Air HVAC',
          twilioSid: null,
          vapiPhoneNumberId: null,
          createdAt: '2026-12-01T00:00:00.000Z',
          updatedAt: '2026-12-01T00:00:00.000Z',
        }),
    });
    const { router } = renderAdmin('/admin');
    const box = await screen.findByRole('searchbox');
    fireEvent.change(box, { target: { value: ' (773) 555-0100 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(router.state.location.search).toBe(`?q=${encodeURIComponent('(773) 555-0100')}`));
    const results = await screen.findByRole('list', { name: 'Search results' });
    const items = results.querySelectorAll('li');
    expect([...items].map((li) => li.getAttribute('data-kind'))).toEqual(['phone_number', 'lead']);
    expect(items[0].textContent).toContain('Phone number');
    expect(screen.getByRole('link', { name: 'Its business' }).getAttribute('href')).toBe('/admin/businesses/b1');
    expect(screen.getByRole('status').textContent).toBe('2 found, best match first.');
    const searched = fetchMock.mock.calls.map(([url]) => String(url)).find((url) => url.startsWith('/v1/admin/search'));
    expect(new URL(searched!, 'http://x').searchParams.get('q')).toBe('(773) 555-0100');

    // The number's own page: its status and the business it answers for.
    fireEvent.click(within(items[0]).getByRole('link', { name: '+17735550100' }));
    expect(await screen.findByRole('heading', { level: 1, name: '(773) 555-0100' })).toBeTruthy();
    expect(screen.getByText('active')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cool Air HVAC' }).getAttribute('href')).toBe('/admin/businesses/b1');
  });
});
