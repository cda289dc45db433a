import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../../../test/render';
import { auditEvent, renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

const older = auditEvent({ id: 'a0', action: 'webhook_event.replay', targetType: 'webhook_event', targetId: 'e1', reason: null, at: '2026-11-30T09:00:00.000Z' });

function stubAudit() {
  const asked: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input), 'http://localhost');
      if (url.pathname === '/v1/auth/session') return jsonResponse(200, { user: staff });
      if (url.pathname === '/v1/admin/audit-events') {
        asked.push(url);
        return jsonResponse(200, url.searchParams.get('cursor') === 'c2' ? { items: [older], nextCursor: null } : { items: [auditEvent()], nextCursor: 'c2' });
      }
      throw new Error(`Unexpected API call in test: ${url.pathname}`);
    }),
  );
  return asked;
}

describe('the audit log page', () => {
  it('asks with the URL’s filters, pages with the cursor, sorts the rows loaded, links each target', async () => {
    const asked = stubAudit();
    renderAdmin('/admin/audit?action=user.suspend&from=2026-12-01');
    const table = await screen.findByRole('table', { name: 'Audit events, newest first' });
    expect(asked[0].searchParams.get('action')).toBe('user.suspend');
    expect(asked[0].searchParams.get('from')).toBe(new Date(2026, 11, 1).toISOString());
    expect((screen.getByLabelText('Action') as HTMLInputElement).value).toBe('user.suspend');

    fireEvent.click(screen.getByRole('button', { name: 'Load more events' }));
    expect(await within(table).findByText('webhook_event.replay')).toBeTruthy();
    expect(asked[1].searchParams.get('cursor')).toBe('c2');
    expect(screen.queryByRole('button', { name: 'Load more events' })).toBeNull();
    expect(within(table).getByRole('link', { name: /webhook_event e1/ }).getAttribute('href')).toBe('/admin/webhook-events/e1');

    const actions = () => [...table.querySelectorAll('td[data-label="Action"]')].map((td) => td.textContent);
    expect(actions()).toEqual(['user.suspend', 'webhook_event.replay']);
    const actionHeader = within(table).getByRole('columnheader', { name: /Action/ });
    expect(actionHeader.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(actionHeader).getByRole('button'));
    expect(actionHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(actions()).toEqual(['user.suspend', 'webhook_event.replay']);
    fireEvent.click(within(actionHeader).getByRole('button'));
    expect(actionHeader.getAttribute('aria-sort')).toBe('descending');
    expect(actions()).toEqual(['webhook_event.replay', 'user.suspend']);
  });

  it('refuses a malformed filter before asking, and puts good ones in the URL', async () => {
    const asked = stubAudit();
    const { router } = renderAdmin('/admin/audit');
    await screen.findByRole('table');
    fireEvent.change(screen.getByLabelText('Business id'), { target: { value: 'not-an-id' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(await screen.findByText(/Business id is an id like/)).toBeTruthy();
    expect(router.state.location.search).toBe('');
    fireEvent.change(screen.getByLabelText('Business id'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Target type'), { target: { value: 'user' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?targetType=user'));
    await waitFor(() => expect(asked.some((u) => u.searchParams.get('targetType') === 'user')).toBe(true));
  });
});
