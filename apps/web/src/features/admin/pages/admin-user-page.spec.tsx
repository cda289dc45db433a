import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { auditEvent, renderAdmin, staff, userDetail } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('the user page', () => {
  it('shows the account, businesses and sessions; suspends with a reason, in a confirmation that takes and gives back focus', async () => {
    let detail = userDetail;
    let posted: unknown;
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/users/u1': () => jsonResponse(200, detail),
      'POST /v1/admin/users/u1/suspension': (init) => {
        posted = JSON.parse(String(init.body));
        detail = {
          ...userDetail,
          user: { ...userDetail.user, suspendedAt: '2026-12-01T12:00:00.000Z', suspensionReason: 'Chargeback fraud' },
          auditEvents: [auditEvent()],
        };
        return jsonResponse(201, { userId: 'u1', email: userDetail.user.email, suspendedAt: '2026-12-01T12:00:00.000Z', suspensionReason: 'Chargeback fraud', sessionsRevoked: 1 });
      },
    });
    renderAdmin('/admin/users/u1');
    expect(await screen.findByRole('heading', { level: 1, name: 'dana@coolair.example' })).toBeTruthy();
    expect(screen.getByTestId('user-standing').textContent).toBe('In good standing');
    expect(screen.getByRole('link', { name: 'Cool Air HVAC' }).getAttribute('href')).toBe('/admin/businesses/b1');
    expect(screen.getByRole('table', { name: 'Sessions, newest first' }).textContent).toContain('203.0.113.9');

    fireEvent.click(screen.getByRole('button', { name: 'Suspend' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Suspend dana@coolair.example?' });
    const reason = screen.getByLabelText('Reason');
    await waitFor(() => expect(document.activeElement).toBe(reason));
    // No reason, no suspension.
    fireEvent.click(screen.getByRole('button', { name: 'Suspend user' }));
    expect(await screen.findByText('Say why: the reason goes into the audit log.')).toBeTruthy();
    expect(posted).toBeUndefined();
    expect(dialog).toBeTruthy();

    fireEvent.change(reason, { target: { value: '  Chargeback fraud ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suspend user' }));
    expect((await screen.findByRole('status')).textContent).toBe('Suspended. 1 session signed out.');
    expect(posted).toEqual({ reason: 'Chargeback fraud' });
    await waitFor(() => expect(screen.getByTestId('user-standing').textContent).toBe('Suspended'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Lift suspension' })));
    expect(screen.getByText(/user\.suspend/)).toBeTruthy();
  });

  it('says why the API refused, and Escape closes the confirmation without doing anything', async () => {
    const fetchMock = stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/users/u1': () => jsonResponse(200, userDetail),
      'POST /v1/admin/users/u1/suspension': () =>
        jsonResponse(409, { type: 'about:blank', title: 'Cannot suspend yourself', status: 409, code: 'AUTH.CANNOT_SUSPEND_SELF', detail: 'Staff cannot suspend themselves.' }),
    });
    renderAdmin('/admin/users/u1');
    fireEvent.click(await screen.findByRole('button', { name: 'Suspend' }));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Suspend user' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Staff cannot suspend themselves.');
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Suspend' })));
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(1);
  });

  it('shows the 404 page for a user that does not exist', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/users/nope': () => jsonResponse(404, { type: 'about:blank', title: 'No such user', status: 404, code: 'AUTH.USER_NOT_FOUND' }),
    });
    renderAdmin('/admin/users/nope');
    expect(await screen.findByRole('heading', { name: 'We couldn\'t find that page' })).toBeTruthy();
  });
});
