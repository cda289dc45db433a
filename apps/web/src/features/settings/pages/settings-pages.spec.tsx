import type { ApiKeySummary, BusinessOverview, ComplianceSettings, DncEntry } from '@beaker/contracts';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { SettingsLayout } from '../components/settings-layout';
import { ApiKeysPage } from './api-keys-page';
import { CompliancePage } from './compliance-page';
import { DoNotCallPage } from './do-not-call-page';

const business = (yourRole: 'owner' | 'member' = 'owner') =>
  ({
    id: 'b1',
    name: 'Cool Air HVAC',
    status: 'active',
    plan: 'starter',
    callsIncluded: 100,
    callsUsedThisPeriod: 0,
    currentPeriodEnd: null,
    phoneNumber: null,
    provisioning: { status: 'done', currentStep: null, steps: [], error: null },
    assistant: { businessName: 'Cool Air HVAC', greeting: 'Hi!', hours: null },
    callsPausedReason: null,
    yourRole,
  }) as unknown as BusinessOverview;

afterEach(() => vi.unstubAllGlobals());

function renderSettings(path: string, handlers: Parameters<typeof stubApi>[0], role: 'owner' | 'member' = 'owner') {
  const fetchMock = stubApi({ 'GET /v1/businesses/b1/overview': () => jsonResponse(200, business(role)), ...handlers });
  renderRoutes(
    [
      {
        path: '/app/businesses/:businessId',
        element: <BusinessLayout />,
        children: [
          {
            path: 'settings',
            element: <SettingsLayout />,
            children: [
              { path: 'api-keys', element: <ApiKeysPage /> },
              { path: 'do-not-call', element: <DoNotCallPage /> },
              { path: 'compliance', element: <CompliancePage /> },
            ],
          },
        ],
      },
    ],
    `/app/businesses/b1/settings/${path}`,
  );
  const sent = (method: string, pathname: string) =>
    fetchMock.mock.calls
      .filter(([input, init]) => (init?.method ?? 'GET') === method && new URL(String(input), 'http://localhost').pathname === pathname)
      .map(([input, init]) => ({ url: new URL(String(input), 'http://localhost'), body: init?.body ? JSON.parse(String(init.body)) : undefined, headers: init?.headers as Record<string, string> }));
  return { sent };
}

const key = (over: Partial<ApiKeySummary> = {}): ApiKeySummary => ({
  id: 'k1',
  name: 'Zapier',
  prefix: 'bk_test_Ab3x',
  createdAt: '2026-03-01T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

describe('API keys', () => {
  it('creates a key, shows it once with a warning, and forgets it when the owner is done', async () => {
    let keys = [key()];
    const { sent } = renderSettings('api-keys', {
      'GET /v1/businesses/b1/api-keys': () => jsonResponse(200, { items: keys, nextCursor: null }),
      'POST /v1/businesses/b1/api-keys': () => {
        keys = [key({ id: 'k2', name: 'CRM', prefix: 'bk_test_Zz9q' }), ...keys];
        return jsonResponse(201, { id: 'k2', name: 'CRM', prefix: 'bk_test_Zz9q', key: 'bk_test_Zz9qSECRETSECRET', createdAt: '2026-03-02T10:00:00.000Z' });
      },
    });
    const table = await screen.findByTestId('api-key-table');
    expect(within(table).getByText('bk_test_Ab3x…')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText('Name the key after what will use it.')).toBeTruthy();
    expect(sent('POST', '/v1/businesses/b1/api-keys')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' CRM ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    const shown = await screen.findByTestId('new-api-key');
    expect((within(shown).getByLabelText('API key') as HTMLInputElement).value).toBe('bk_test_Zz9qSECRETSECRET');
    expect(within(shown).getByText('Copy it now: you won’t see it again.')).toBeTruthy();
    const [post] = sent('POST', '/v1/businesses/b1/api-keys');
    expect(post.body).toEqual({ name: 'CRM' });
    expect(post.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await within(table).findByText('bk_test_Zz9q…')).toBeTruthy();

    fireEvent.click(within(shown).getByRole('button', { name: 'I’ve copied it' }));
    await waitFor(() => expect(screen.queryByTestId('new-api-key')).toBeNull());
    expect(screen.queryByDisplayValue('bk_test_Zz9qSECRETSECRET')).toBeNull();
  });

  it('revokes a key after a confirmation; a revoked key shows as such, with no button', async () => {
    let keys = [key(), key({ id: 'k0', name: 'Old', prefix: 'bk_test_Old1', revokedAt: '2026-02-01T10:00:00.000Z' })];
    const { sent } = renderSettings('api-keys', {
      'GET /v1/businesses/b1/api-keys': () => jsonResponse(200, { items: keys, nextCursor: null }),
      'DELETE /v1/businesses/b1/api-keys/k1': () => {
        keys = keys.map((k) => (k.id === 'k1' ? { ...k, revokedAt: '2026-03-05T10:00:00.000Z' } : k));
        return new Response(null, { status: 204 });
      },
    });
    const table = await screen.findByTestId('api-key-table');
    expect(within(table).queryByRole('button', { name: 'Revoke Old' })).toBeNull();
    fireEvent.click(within(table).getByRole('button', { name: 'Revoke Zapier' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(sent('DELETE', '/v1/businesses/b1/api-keys/k1')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke the key' }));
    await waitFor(() => expect(sent('DELETE', '/v1/businesses/b1/api-keys/k1')).toHaveLength(1));
    await waitFor(() => expect(within(table).queryByRole('button', { name: 'Revoke Zapier' })).toBeNull());
  });

  it('tells a member that owners manage keys, without asking for them', async () => {
    const { sent } = renderSettings('api-keys', {}, 'member');
    expect(await screen.findByText(/Only the business’s owners manage API keys/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Create key' })).toBeNull();
    expect(sent('GET', '/v1/businesses/b1/api-keys')).toHaveLength(0);
  });
});

const entry = (over: Partial<DncEntry>): DncEntry => ({
  id: 'e1',
  businessId: 'b1',
  phone: '+14155550123',
  source: 'business',
  reason: 'Asked us not to call',
  callId: null,
  createdBy: { kind: 'user', id: 'u1' },
  createdAt: '2026-03-01T10:00:00.000Z',
  removedAt: null,
  removedBy: null,
  removalReason: null,
  ...over,
});

describe('do not call', () => {
  it('takes a number off with a reason; a person’s own opt-out offers no way to remove it', async () => {
    const entries = [entry({}), entry({ id: 'e2', phone: '+13125550142', source: 'in_call_opt_out', reason: 'said stop calling' })];
    const { sent } = renderSettings('do-not-call', {
      'GET /v1/businesses/b1/dnc': () => jsonResponse(200, { items: entries, nextCursor: null }),
      'DELETE /v1/businesses/b1/dnc/e1': () => jsonResponse(200, { ...entries[0], removedAt: '2026-03-05T10:00:00.000Z', removalReason: 'Customer again' }),
    });
    const table = await screen.findByTestId('dnc-table');
    expect(within(table).getByText('Asked during a call')).toBeTruthy();
    expect(within(table).getByText('The person’s own opt-out: it stays.')).toBeTruthy();
    expect(within(table).getAllByRole('button', { name: /^Take off / })).toHaveLength(1);

    fireEvent.click(within(table).getByRole('button', { name: 'Take off (415) 555-0123' }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take off the list' }));
    expect(await within(dialog).findByText('Say why: the reason goes into the audit log.')).toBeTruthy();
    expect(sent('DELETE', '/v1/businesses/b1/dnc/e1')).toHaveLength(0);
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'Customer again' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Take off the list' }));
    await waitFor(() => expect(sent('DELETE', '/v1/businesses/b1/dnc/e1')[0]?.body).toEqual({ reason: 'Customer again' }));
    expect(await screen.findByText('(415) 555-0123 is off the list.')).toBeTruthy();
  });

  it('adds a number with its reason, and says so when it is already listed', async () => {
    let calls = 0;
    const { sent } = renderSettings('do-not-call', {
      'GET /v1/businesses/b1/dnc': () => jsonResponse(200, { items: [], nextCursor: null }),
      'POST /v1/businesses/b1/dnc': () =>
        calls++ === 0
          ? jsonResponse(201, entry({ phone: '+14155550123' }))
          : jsonResponse(409, { type: 'about:blank', title: 'Conflict', status: 409, code: 'COMPLIANCE.ALREADY_ON_DNC_LIST' }),
    });
    expect(await screen.findByText('No numbers on the list.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: ' +14155550123 ' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Asked us not to call' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the list' }));
    expect(await screen.findByText('(415) 555-0123 is on the list.')).toBeTruthy();
    expect(sent('POST', '/v1/businesses/b1/dnc')[0].body).toEqual({ phone: '+14155550123', reason: 'Asked us not to call' });

    fireEvent.change(screen.getByLabelText('Phone number'), { target: { value: '+14155550123' } });
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the list' }));
    expect(await screen.findByText('That number is already on the list.')).toBeTruthy();
  });
});

describe('calling rules', () => {
  const stored: ComplianceSettings = { timezone: null, callingHours: null, maxCallsPerMinute: 30, recordingRetentionDays: null };

  it('explains each setting; saving the cap alone leaves the hours untouched', async () => {
    const { sent } = renderSettings('compliance', {
      'GET /v1/businesses/b1/compliance-settings': () => jsonResponse(200, stored),
      'PATCH /v1/businesses/b1/compliance-settings': (init) => jsonResponse(200, { ...stored, ...JSON.parse(String(init.body)) }),
    });
    const cap = await screen.findByLabelText('Calls a minute, at most');
    expect(screen.getByText(/The clock your calling hours below are read on/)).toBeTruthy();
    fireEvent.change(cap, { target: { value: '31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a whole number from 1 to 30.')).toBeTruthy();
    fireEvent.change(cap, { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')).toHaveLength(1));
    expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')[0].body).toEqual({ timezone: null, maxCallsPerMinute: 5 });
    expect(await screen.findByText('Saved: the next call is checked with these settings.')).toBeTruthy();
  });

  it('sends the week when the owner turns on their own hours, refusing a day that ends before it starts', async () => {
    const { sent } = renderSettings('compliance', {
      'GET /v1/businesses/b1/compliance-settings': () => jsonResponse(200, stored),
      'PATCH /v1/businesses/b1/compliance-settings': (init) => jsonResponse(200, { ...stored, ...JSON.parse(String(init.body)) }),
    });
    fireEvent.click(await screen.findByRole('switch', { name: 'Call only during my own hours' }));
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'America/Chicago' } });
    fireEvent.change(screen.getByLabelText('Monday until'), { target: { value: '08:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Monday: The start must be before the end.')).toBeTruthy();
    expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Monday until'), { target: { value: '12:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')).toHaveLength(1));
    const { body } = sent('PATCH', '/v1/businesses/b1/compliance-settings')[0];
    expect(body.timezone).toBe('America/Chicago');
    expect(body.callingHours).toEqual({
      mon: [{ from: '09:00', to: '12:00' }],
      tue: [{ from: '09:00', to: '17:00' }],
      wed: [{ from: '09:00', to: '17:00' }],
      thu: [{ from: '09:00', to: '17:00' }],
      fri: [{ from: '09:00', to: '17:00' }],
      sat: [],
      sun: [],
    });
  });

  it('explains how long recordings and transcripts are kept, and sends the period only when the owner changes it', async () => {
    const { sent } = renderSettings('compliance', {
      'GET /v1/businesses/b1/compliance-settings': () => jsonResponse(200, stored),
      'PATCH /v1/businesses/b1/compliance-settings': (init) => jsonResponse(200, { ...stored, ...JSON.parse(String(init.body)) }),
    });
    const keep = (await screen.findByLabelText('Keep call recordings and transcripts')) as HTMLSelectElement;
    expect(keep.value).toBe('');
    expect(screen.getByText(/lose their recording and transcript for good/)).toBeTruthy();
    fireEvent.change(keep, { target: { value: '90' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')).toHaveLength(1));
    expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')[0].body).toEqual({ timezone: null, maxCallsPerMinute: 30, recordingRetentionDays: 90 });
    expect(await screen.findByText('Saved: the next call is checked with these settings.')).toBeTruthy();
    expect(((await screen.findByLabelText('Keep call recordings and transcripts')) as HTMLSelectElement).value).toBe('90');

    fireEvent.change(screen.getByLabelText('Keep call recordings and transcripts'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')).toHaveLength(2));
    expect(sent('PATCH', '/v1/businesses/b1/compliance-settings')[1].body).toMatchObject({ recordingRetentionDays: null });
  });

  it('shows a member the settings without a way to change them', async () => {
    renderSettings('compliance', { 'GET /v1/businesses/b1/compliance-settings': () => jsonResponse(200, { ...stored, maxCallsPerMinute: 7 }) }, 'member');
    const cap = (await screen.findByLabelText('Calls a minute, at most')) as HTMLInputElement;
    expect(cap.value).toBe('7');
    expect(cap.matches(':disabled')).toBe(true);
    expect((screen.getByLabelText('Keep call recordings and transcripts') as HTMLSelectElement).matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});
