import type { AdminBusinessDetail, AdminUserDetail, AuditEvent, MeResponse, WebhookEventDetail } from '@beaker/contracts';
import { renderRoutes } from '../../test/render';
import AdminApp from './admin-app';

/** Shared by the admin pages' specs: a staff member, a customer, and what the API answers about them. */
export const staff: MeResponse = { id: 's1', email: 'admin@beaker.test', role: 'admin', businesses: [], trialSessionFor: null };
export const customer: MeResponse = { id: 'u1', email: 'dana@coolair.example', role: 'user', businesses: [], trialSessionFor: null };

export const userDetail: AdminUserDetail = {
  user: { id: 'u1', email: 'dana@coolair.example', role: 'user', createdAt: '2026-11-02T10:00:00.000Z', lastSignInAt: '2026-12-01T10:00:00.000Z', suspendedAt: null, suspensionReason: null },
  sessions: [{ id: 'se1', createdAt: '2026-12-01T10:00:00.000Z', lastSeenAt: '2026-12-01T11:00:00.000Z', expiresAt: '2099-01-01T00:00:00.000Z', revokedAt: null, ip: '203.0.113.9', userAgent: 'Firefox' }],
  businesses: [{ id: 'b1', name: 'Cool Air HVAC', role: 'owner' }],
  trials: [],
  auditEvents: [],
};

export const auditEvent = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 'a1',
  actorKind: 'admin',
  actorId: 's1000000-0000-4000-8000-000000000000',
  action: 'user.suspend',
  targetType: 'user',
  targetId: 'u1',
  businessId: null,
  reason: 'Chargeback fraud',
  before: { suspendedAt: null },
  after: { suspendedAt: '2026-12-01T12:00:00.000Z' },
  details: {},
  requestId: 'req-1',
  at: '2026-12-01T12:00:00.000Z',
  ...over,
});

export const businessDetail: AdminBusinessDetail = {
  business: {
    id: 'b1',
    name: 'Cool Air HVAC',
    status: 'active',
    plan: 'starter',
    callsIncluded: 100,
    callsUsedThisPeriod: 3,
    currentPeriodEnd: '2027-01-01T00:00:00.000Z',
    industry: 'hvac',
    scenario: 'lead_intake',
    pastDueSince: null,
    cancelAtPeriodEnd: false,
    phoneNumber: { e164: '+17735550100', status: 'active' },
    provisioning: { status: 'done', currentStep: null, steps: [], error: null },
    assistant: { businessName: 'Cool Air HVAC', greeting: 'Hi!', hours: null },
    callsPausedReason: null,
    yourRole: null,
  },
  stripeCustomerId: 'cus_123',
  stripeSubscriptionId: 'sub_456',
  members: [{ userId: 'u1', email: 'dana@coolair.example', role: 'owner', joinedAt: '2026-11-02T10:00:00.000Z' }],
  recentCalls: [
    {
      id: 'c1',
      direction: 'inbound',
      status: 'completed',
      from: '+13125550142',
      to: '+17735550100',
      createdAt: '2026-12-01T15:00:00.000Z',
      startedAt: '2026-12-01T15:00:05.000Z',
      endedAt: '2026-12-01T15:01:05.000Z',
      durationSeconds: 60,
      endedReason: 'customer-ended-call',
      summary: 'AC repair',
      callerName: 'Sam',
      inboundRoute: 'assistant',
    },
  ],
  recentLeads: [],
  auditEvents: [auditEvent({ id: 'a2', action: 'dnc.add', targetType: 'dnc_entry', targetId: 'd1', businessId: 'b1', reason: 'Asked not to be called' })],
  margin: { from: '2026-11-01T15:00:00.000Z', to: '2026-12-01T15:00:00.000Z', invoices: 1, revenueUsd: 99, calls: 40, costUsd: 112.5, marginUsd: -13.5 },
  planOverride: null,
};

export const webhookEvent: WebhookEventDetail = {
  id: 'e1',
  provider: 'vapi',
  eventId: 'call_1:end-of-call-report',
  eventType: 'end-of-call-report',
  status: 'completed',
  attempts: 1,
  lastError: null,
  receivedAt: '2026-12-01T15:01:06.000Z',
  processedAt: '2026-12-01T15:01:07.000Z',
  payload: { message: { type: 'end-of-call-report' } },
  attemptsLog: [{ attempt: 1, trigger: 'queue', outcome: 'completed', error: null, startedAt: '2026-12-01T15:01:06.000Z', finishedAt: '2026-12-01T15:01:07.000Z' }],
  timeline: [
    { at: '2026-12-01T15:01:06.000Z', kind: 'received' },
    { at: '2026-12-01T15:01:07.000Z', kind: 'completed', attempt: 1, trigger: 'queue', error: null },
  ],
};

/** The admin app as the router mounts it, with a stand-in sign-in page. */
export function renderAdmin(path: string) {
  return renderRoutes(
    [
      { path: '/admin/*', element: <AdminApp /> },
      { path: '/sign-in', element: <h1>Sign in</h1> },
    ],
    path,
  );
}
