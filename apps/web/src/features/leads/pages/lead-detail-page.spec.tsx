import type { CallReport, Lead } from '@beaker/contracts';
import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../test/fetch-router';
import { businessOverview } from '../../../test/business';
import { jsonResponse, renderRoutes } from '../../../test/render';
import { BusinessLayout } from '../../dashboard/components/business-layout';
import { ConsentCertificatePage } from './consent-certificate-page';
import { LeadDetailPage } from './lead-detail-page';

const business = businessOverview({ callsUsedThisPeriod: 3, currentPeriodEnd: '2026-03-01T00:00:00.000Z', phoneNumber: { e164: '+13035550100', status: 'active' } });

const calling: Lead = {
  id: 'l1',
  businessId: 'b1',
  formId: 'f1',
  source: 'form',
  sourceDetail: null,
  status: 'calling',
  statusReason: null,
  phone: '+12125550142',
  name: 'Dana Reyes',
  email: null,
  message: 'My AC is blowing warm air',
  fields: { what_do_you_need: 'Repair' },
  nextAttemptAt: null,
  attempts: 1,
  extracted: null,
  calls: [{ callId: 'c1', attempt: 1, status: 'in_progress', direction: 'outbound_lead', endedReason: null, summary: null, durationSeconds: null, createdAt: '2026-02-06T15:00:01.000Z' }],
  timeline: [
    { at: '2026-02-06T15:00:00.000Z', kind: 'submission', source: 'form', formId: 'f1', pageUrl: 'https://www.coolair.example/quote' },
    { at: '2026-02-06T15:00:00.500Z', kind: 'decision', decisionId: 'd1', decision: 'allow', reasons: [], nextAllowedAt: null },
    { at: '2026-02-06T15:00:01.000Z', kind: 'call', callId: 'c1', attempt: 1, status: 'in_progress', endedReason: null },
  ],
  createdAt: '2026-02-06T15:00:00.000Z',
  updatedAt: '2026-02-06T15:00:01.000Z',
};

const called: Lead = {
  ...calling,
  status: 'called',
  extracted: { name: 'Dana Reyes', intent: 'AC repair', urgency: 'high' },
  calls: [{ ...calling.calls[0], status: 'completed', endedReason: 'customer-ended-call', durationSeconds: 72 }],
};

const report = (status: CallReport['status']): CallReport => ({
  id: 'c1',
  status,
  direction: 'outbound_lead',
  to: '+12125550142',
  trialId: null,
  businessId: 'b1',
  createdAt: '2026-02-06T15:00:01.000Z',
  startedAt: '2026-02-06T15:00:03.000Z',
  endedAt: status === 'completed' ? '2026-02-06T15:01:15.000Z' : null,
  durationSeconds: status === 'completed' ? 72 : null,
  endedReason: status === 'completed' ? 'customer-ended-call' : null,
  transcript: status === 'completed' ? [{ speaker: 'assistant', text: 'Hi Dana, this is the assistant of Cool Air HVAC.', at: 0 }] : [],
  recordingUrl: null,
  summary: status === 'completed' ? 'Called Dana back about the AC.' : null,
  lead: null,
  cost: { total: null, byProvider: {} },
});

afterEach(() => vi.unstubAllGlobals());

const routes = [
  {
    path: '/app/businesses/:businessId',
    element: <BusinessLayout />,
    children: [
      { path: 'leads/:leadId', element: <LeadDetailPage /> },
      { path: 'leads/:leadId/consent', element: <ConsentCertificatePage /> },
    ],
  },
];

describe('a lead', () => {
  it('moves on screen from calling to called, then shows the call’s report', async () => {
    let ended = false;
    stubApi({
      'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
      'GET /v1/leads/l1': () => jsonResponse(200, ended ? called : calling),
      'GET /v1/calls/c1': () => jsonResponse(200, report(ended ? 'completed' : 'in_progress')),
    });
    renderRoutes(routes, '/app/businesses/b1/leads/l1');
    expect(await screen.findByRole('heading', { level: 1, name: 'Dana Reyes' })).toBeTruthy();
    expect(screen.getByTestId('lead-status-sentence').textContent).toBe('Calling: the agent is on the phone with them');
    expect(await screen.findByText(/The agent is calling Dana Reyes/)).toBeTruthy();
    expect(screen.getByText('What do you need')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Consent certificate' }).getAttribute('href')).toBe('/app/businesses/b1/leads/l1/consent');

    ended = true;
    expect(await screen.findByText('Called: the agent spoke with them', {}, { timeout: 4_000 })).toBeTruthy();
    const transcript = await screen.findByRole('list', { name: 'Transcript' }, { timeout: 4_000 });
    expect(within(transcript).getByText('Hi Dana, this is the assistant of Cool Air HVAC.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Call attempt 1 · Completed' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 3, name: 'Summary' })).toBeTruthy();
    expect(screen.getByText('AC repair')).toBeTruthy();
    expect(screen.getByText('Urgent')).toBeTruthy();
  });

  it('has a printable consent certificate: the exact text, the evidence, its hash and whether it is intact', async () => {
    stubApi({
      'GET /v1/businesses/b1/overview': () => jsonResponse(200, business),
      'GET /v1/leads/l1/consent': () =>
        jsonResponse(200, {
          leadId: 'l1',
          businessId: 'b1',
          businessName: 'Cool Air HVAC',
          phone: '+12125550142',
          evidence: {
            consentText: 'I agree that Cool Air HVAC may call me.',
            consentVersion: '2',
            formId: 'f1',
            formName: 'Quote form',
            checkboxChecked: true,
            capturedAt: '2026-02-06T15:00:00.000Z',
            ip: '203.0.113.7',
            userAgent: 'Mozilla/5.0',
            pageUrl: 'https://www.coolair.example/quote',
            method: 'web_form',
          },
          evidenceSha256: 'a'.repeat(64),
          evidenceIntact: false,
          decisions: [{ decisionId: 'd1', at: '2026-02-06T15:00:00.500Z', decision: 'defer', reasons: [{ rule: 'FL.calling_hours', detail: 'outside 08:00–20:00' }], rulesVersion: '2026-11-27.1', callId: null }],
          calls: [],
          revocations: [{ at: '2026-02-07T10:00:00.000Z', method: 'sms_stop', statement: 'STOP' }],
          issuedAt: '2026-02-08T10:00:00.000Z',
        }),
    });
    renderRoutes(routes, '/app/businesses/b1/leads/l1/consent');
    const certificate = await screen.findByTestId('consent-certificate');
    expect(within(certificate).getByTestId('consent-text').textContent).toBe('I agree that Cool Air HVAC may call me.');
    expect(certificate.textContent).toContain('Quote form (f1)');
    expect(certificate.textContent).toContain('203.0.113.7');
    expect(certificate.textContent).toContain('Yes, ticked');
    expect(within(certificate).getByTestId('evidence-sha256').textContent).toBe('a'.repeat(64));
    expect(within(certificate).getByTestId('evidence-intact').textContent).toContain('Does not match.');
    expect(certificate.textContent).toContain("Outside Florida calling hours (8 am–8 pm at the lead's location)");
    expect(certificate.textContent).toContain('Replied STOP by text — “STOP”');
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
  });
});
