import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { AdminBusinessDetail } from '@beaker/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { auditEvent, businessDetail, renderAdmin, staff } from '../admin-test-fixtures';

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

  it('sets a plan override behind a confirmation with a reason, shows it, then removes it', async () => {
    let detail: AdminBusinessDetail = businessDetail;
    const sent: { method: string; body: unknown }[] = [];
    const override = { callsIncluded: 250, until: '2026-12-16T00:00:00.000Z', reason: 'Launch week', setBy: 'staff1', setAt: '2026-12-01T12:00:00.000Z' };
    const state = (o: typeof override | null) => ({ businessId: 'b1', plan: 'starter', planCallsIncluded: 100, callsIncluded: o ? o.callsIncluded : 100, callsUsedThisPeriod: 3, override: o });
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/businesses/b1': () => jsonResponse(200, detail),
      'PUT /v1/admin/businesses/b1/plan-override': (init) => {
        sent.push({ method: 'PUT', body: JSON.parse(String(init.body)) });
        detail = { ...businessDetail, business: { ...businessDetail.business, callsIncluded: 250 }, planOverride: override, auditEvents: [auditEvent({ action: 'plan_override.set' })] };
        return jsonResponse(200, state(override));
      },
      'DELETE /v1/admin/businesses/b1/plan-override': (init) => {
        sent.push({ method: 'DELETE', body: JSON.parse(String(init.body)) });
        detail = businessDetail;
        return jsonResponse(200, state(null));
      },
    });
    renderAdmin('/admin/businesses/b1');
    const section = await screen.findByTestId('plan-override');
    expect(section.textContent).toContain("None: the plan's included calls apply.");
    expect(within(section).queryByRole('button', { name: 'Remove override' })).toBeNull();

    fireEvent.click(within(section).getByRole('button', { name: 'Set override' }));
    const calls = within(section).getByLabelText('Calls included per period') as HTMLInputElement;
    expect(calls.value).toBe('100');
    // Not a whole number in range: no confirmation.
    fireEvent.change(calls, { target: { value: '100001' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Continue' }));
    expect(await within(section).findByText('A whole number from 0 to 100,000.')).toBeTruthy();
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fireEvent.change(calls, { target: { value: '250' } });
    fireEvent.change(within(section).getByLabelText('Through (UTC day)'), { target: { value: '2026-12-15' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Continue' }));
    const dialog = await screen.findByRole('alertdialog', { name: "Set Cool Air HVAC's included calls to 250?" });
    // No reason, nothing sent.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set override' }));
    expect(await within(dialog).findByText('Say why: the reason goes into the audit log.')).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: ' Launch week ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set override' }));
    expect((await within(section).findByRole('status')).textContent).toBe('Override set: 250 calls per period.');
    expect(sent).toEqual([{ method: 'PUT', body: { callsIncluded: 250, until: '2026-12-16T00:00:00.000Z', reason: 'Launch week' } }]);
    await waitFor(() => expect(section.textContent).toContain('250 per period'));
    expect(section.textContent).toContain('Launch week');
    expect(screen.getByRole('region', { name: 'Overview' }).textContent).toContain('3 of 250 (plan override)');
    expect(screen.getByRole('region', { name: 'Audit' }).textContent).toContain('plan_override.set');

    fireEvent.click(within(section).getByRole('button', { name: 'Remove override' }));
    const removal = screen.getByRole('alertdialog', { name: "Remove Cool Air HVAC's plan override?" });
    fireEvent.change(within(removal).getByLabelText('Reason'), { target: { value: 'Launch week is over' } });
    fireEvent.click(within(removal).getByRole('button', { name: 'Remove override' }));
    expect((await within(section).findByRole('status')).textContent).toBe('Override removed: 100 calls per period, as the plan.');
    expect(sent[1]).toEqual({ method: 'DELETE', body: { reason: 'Launch week is over' } });
    await waitFor(() => expect(section.textContent).toContain("None: the plan's included calls apply."));
  });

  it('says why the API refused an override', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/businesses/b1': () => jsonResponse(200, businessDetail),
      'PUT /v1/admin/businesses/b1/plan-override': () =>
        jsonResponse(400, { type: 'about:blank', title: 'The request is not valid', status: 400, code: 'VALIDATION.FAILED', detail: '`until` must be in the future' }),
    });
    renderAdmin('/admin/businesses/b1');
    const section = await screen.findByTestId('plan-override');
    fireEvent.click(within(section).getByRole('button', { name: 'Set override' }));
    fireEvent.click(within(section).getByRole('button', { name: 'Continue' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'test' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set override' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('`until` must be in the future');
  });

  it('previews the weekly report on demand: subject, the HTML in a sandboxed frame, the text', async () => {
    let asked = 0;
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/businesses/b1': () => jsonResponse(200, businessDetail),
      'GET /v1/admin/businesses/b1/weekly-report/preview': () => {
        asked++;
        return jsonResponse(200, {
          businessId: 'b1',
          weekStart: '2026-11-30',
          weekEnd: '2026-12-06',
          timeZone: 'America/Chicago',
          subject: 'Your week at Cool Air HVAC: 4 calls, 3 leads (30 Nov – 6 Dec 2026)',
          html: '<!doctype html><html><head></head><body><p>Calls: 4</p></body></html>',
          text: 'Calls: 4 (the week before: 2; +100%)',
        });
      },
    });
    renderAdmin('/admin/businesses/b1');
    const section = await screen.findByRole('region', { name: 'Weekly report' });
    expect(asked).toBe(0);
    fireEvent.click(within(section).getByRole('button', { name: 'Preview weekly report' }));
    expect(await within(section).findByRole('heading', { name: 'Your week at Cool Air HVAC: 4 calls, 3 leads (30 Nov – 6 Dec 2026)' })).toBeTruthy();
    const frame = section.querySelector('iframe')!;
    expect(frame.getAttribute('srcdoc')).toContain('<p>Calls: 4</p>');
    expect(frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    expect(section.textContent).toContain('Calls: 4 (the week before: 2; +100%)');
    expect(asked).toBe(1);
  });
});
