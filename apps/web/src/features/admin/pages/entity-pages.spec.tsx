import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { jsonResponse } from '../../../test/render';
import { renderAdmin, staff } from '../admin-test-fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('the trial, lead and phone number pages', () => {
  it('shows a trial with who started it and its latest call', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/trials/t1': () =>
        jsonResponse(200, {
          trial: {
            id: 't1',
            status: 'active',
            industry: 'hvac',
            businessName: 'Dana Heating',
            scenario: 'lead_intake',
            phone: '+13125550142',
            phoneVerified: true,
            callsUsed: 1,
            callsLimit: 3,
            expiresAt: '2026-12-03T00:00:00.000Z',
            createdAt: '2026-12-01T00:00:00.000Z',
            assistant: null,
            latestCallId: 'c1',
          },
          owner: { id: 'u1', email: 'dana@coolair.example' },
        }),
    });
    renderAdmin('/admin/trials/t1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dana Heating' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'dana@coolair.example' }).getAttribute('href')).toBe('/admin/users/u1');
    expect(screen.getByRole('link', { name: 'Open the call' }).getAttribute('href')).toBe('/admin/calls/c1');
    expect(screen.getByText('1 of 3')).toBeTruthy();
  });

  it('shows a phone number with its business', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/phone-numbers/p1': () =>
        jsonResponse(200, {
          id: 'p1',
          e164: '+17735550100',
          status: 'active',
          businessId: 'b1',
          businessName: 'Cool Air HVAC',
          twilioSid: 'PN123',
          vapiPhoneNumberId: null,
          createdAt: '2026-12-01T00:00:00.000Z',
          updatedAt: '2026-12-01T00:00:00.000Z',
        }),
    });
    renderAdmin('/admin/phone-numbers/p1');
    expect(await screen.findByRole('heading', { level: 1, name: '(773) 555-0100' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cool Air HVAC' }).getAttribute('href')).toBe('/admin/businesses/b1');
    expect(screen.getByText('PN123')).toBeTruthy();
  });

  it('shows a lead with its business and its calls', async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/admin/leads/l1': () =>
        jsonResponse(200, {
          businessName: 'Cool Air HVAC',
          lead: {
            id: 'l1',
            businessId: 'b1',
            formId: null,
            source: 'api',
            sourceDetail: null,
            status: 'called',
            statusReason: null,
            phone: '+16305550123',
            name: 'Pat Lead',
            email: null,
            message: 'AC broken',
            fields: {},
            nextAttemptAt: null,
            attempts: 1,
            extracted: null,
            calls: [{ callId: 'c7', attempt: 1, status: 'completed', direction: 'outbound_lead', endedReason: null, summary: null, durationSeconds: 42, createdAt: '2026-12-01T00:00:00.000Z' }],
            timeline: [],
            createdAt: '2026-12-01T00:00:00.000Z',
            updatedAt: '2026-12-01T00:00:00.000Z',
          },
        }),
    });
    renderAdmin('/admin/leads/l1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Pat Lead' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cool Air HVAC' }).getAttribute('href')).toBe('/admin/businesses/b1');
    const calls = screen.getByRole('table', { name: "The lead's calls" });
    expect(within(calls).getByRole('link').getAttribute('href')).toBe('/admin/calls/c7');
  });
});

describe('the call page', () => {
  it("lists the call's webhook events, each linking to its page", async () => {
    stubApi({
      'GET /v1/auth/session': () => jsonResponse(200, { user: staff }),
      'GET /v1/calls/c1': () =>
        jsonResponse(200, {
          id: 'c1',
          status: 'completed',
          direction: 'inbound',
          to: '+17735550100',
          trialId: null,
          businessId: 'b1',
          createdAt: '2026-12-01T15:00:00.000Z',
          startedAt: null,
          endedAt: null,
          durationSeconds: 60,
          endedReason: null,
          transcript: [],
          recordingUrl: null,
          summary: null,
          lead: null,
          cost: { total: null, byProvider: {} },
        }),
      'GET /v1/admin/calls/c1/webhook-events': () =>
        jsonResponse(200, {
          items: [
            { id: 'e1', provider: 'vapi', eventId: 'v1:end-of-call-report', eventType: 'end-of-call-report', status: 'completed', attempts: 1, lastError: null, receivedAt: '2026-12-01T15:01:06.000Z', processedAt: null },
          ],
          nextCursor: null,
        }),
    });
    renderAdmin('/admin/calls/c1');
    const table = await screen.findByRole('table', { name: 'Webhook events about this call, oldest first' });
    expect(table.textContent).toContain('vapi end-of-call-report');
    expect(within(table).getByRole('link').getAttribute('href')).toBe('/admin/webhook-events/e1');
  });
});
