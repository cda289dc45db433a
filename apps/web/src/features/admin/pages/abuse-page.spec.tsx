import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

const block = { id: 'k1', kind: 'email_domain', value: 'spam.example', reason: 'Throwaway signups', createdBy: 's1', createdAt: '2026-12-01T00:00:00.000Z', liftedAt: null, liftReason: null };

describe('the abuse review page', () => {
  it('shows where refusals come from, adds a trial block and lifts one with a reason', async () => {
    const sent: { method: string; body: unknown }[] = [];
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/abuse-events/top': () =>
        jsonResponse(200, { since: '2026-11-24T00:00:00.000Z', phones: [{ value: '+17735550199', events: 4, users: 2, lastAt: '2026-12-01T00:00:00.000Z' }], ips: [], emailDomains: [] }),
      'GET /v1/admin/abuse-events': () => jsonResponse(200, { items: [{ id: 'x1', kind: 'phone_trial_limit', userId: 'u1', ip: '203.0.113.9', phone: '+17735550199', details: {}, at: '2026-12-01T00:00:00.000Z' }], nextCursor: null }),
      'GET /v1/admin/trial-blocks': () => jsonResponse(200, { items: [block], nextCursor: null }),
      'POST /v1/admin/trial-blocks': (init) => {
        sent.push({ method: 'POST', body: JSON.parse(String(init.body)) });
        return jsonResponse(201, { ...block, id: 'k2', kind: 'phone', value: '+17735550199' });
      },
      'DELETE /v1/admin/trial-blocks/k1': (init) => {
        sent.push({ method: 'DELETE', body: JSON.parse(String(init.body)) });
        return jsonResponse(200, { ...block, liftedAt: '2026-12-02T00:00:00.000Z', liftReason: 'Real customer' });
      },
    });
    renderAdmin('/admin/abuse');
    const phones = await screen.findByRole('table', { name: 'Phone numbers refused most in the last 7 days' });
    expect(within(phones).getByRole('link', { name: '+17735550199' }).getAttribute('href')).toBe(`/admin?q=${encodeURIComponent('+17735550199')}`);
    expect((await screen.findByRole('table', { name: 'Refused and stopped trial actions, newest first' })).textContent).toContain('phone_trial_limit');

    const form = screen.getByRole('form', { name: 'Block from trials' });
    fireEvent.click(within(form).getByRole('button', { name: 'Block from trials' }));
    expect(await within(form).findByText('Enter the phone number to block.')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('Phone number'), { target: { value: '(773) 555-0199' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Trial farming' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Block from trials' }));
    expect(await within(form).findByText('Blocked +17735550199.')).toBeTruthy();
    expect(sent[0]).toEqual({ method: 'POST', body: { kind: 'phone', value: '(773) 555-0199', reason: 'Trial farming' } });

    fireEvent.click(screen.getByRole('button', { name: 'Lift the block on spam.example' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Lift the block on spam.example?' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Real customer' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Lift block' }));
    await waitFor(() => expect(sent[1]).toEqual({ method: 'DELETE', body: { reason: 'Real customer' } }));
    expect((await screen.findByText('Block on spam.example lifted.')).getAttribute('role')).toBe('status');
  });
});
