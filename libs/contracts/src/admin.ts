import type { AdminUserSummary, MembershipSummary } from './auth';
import type { BusinessCallSummary, BusinessMemberView, BusinessOverview } from './businesses';
import type { BusinessStatus, Plan, Provider } from './enums';
import type { WebhookEventSummary } from './webhooks';
import type { Lead, LeadSummary } from './leads';
import type { TrialResponse } from './trials';

/** What staff search finds, in the order a tie between equally good matches is shown. */
export const ADMIN_SEARCH_KINDS = ['user', 'business', 'phone_number', 'trial', 'call', 'lead', 'webhook_event'] as const;
export type AdminSearchKind = (typeof ADMIN_SEARCH_KINDS)[number];

/** An item of GET /v1/admin/search?q= (best match first). */
export interface AdminSearchHit {
  kind: AdminSearchKind;
  id: string;
  /** What the thing is called: an email, a business name, a phone number, a provider event id… */
  title: string;
  /** A line of context: status, owner, when. */
  subtitle: string;
  /** The admin page of the thing in the web app (`/admin/<kind>s/<id>`). */
  url: string;
  /** The admin page of the business the thing belongs to, when the hit alone does not say (phone numbers). */
  businessUrl?: string;
}

/** POST /v1/admin/users/:id/suspension */
export interface SuspendUserRequest {
  /** Why; the user sees it when they try to sign in. 1–500 characters. */
  reason: string;
}

/** The user's standing after a suspension was set or lifted. */
export interface UserSuspension {
  userId: string;
  email: string;
  suspendedAt: string | null;
  suspensionReason: string | null;
  /** Sessions signed out by this action (suspending signs the user out everywhere). */
  sessionsRevoked: number;
}

export const TRIAL_BLOCK_KINDS = ['phone', 'email_domain'] as const;
export type TrialBlockKind = (typeof TRIAL_BLOCK_KINDS)[number];

/** POST /v1/admin/trial-blocks */
export interface CreateTrialBlockRequest {
  kind: TrialBlockKind;
  /** A phone number in any usual US/CA format, or an email domain (`example.com`). */
  value: string;
  reason: string;
}

/** A phone number or email domain that may not start trials. */
export interface TrialBlock {
  id: string;
  kind: TrialBlockKind;
  /** E.164 for a phone, the lower-case domain for an email domain. */
  value: string;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  liftedAt: string | null;
  liftReason: string | null;
}

export const AUDIT_ACTOR_KINDS = ['user', 'admin', 'api_key', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

/** An item of GET /v1/admin/audit-events (newest first). */
export interface AuditEvent {
  id: string;
  actorKind: AuditActorKind;
  actorId: string | null;
  /** `<area>.<verb>`: `user.suspend`, `user.unsuspend`, `webhook_event.replay`, `trial_block.add`, `dnc.add`, … */
  action: string;
  targetType: string;
  targetId: string | null;
  businessId: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
  /** The X-Request-Id of the request that did it. */
  requestId: string | null;
  at: string;
}

/** A sign-in session as staff see it (never its secret). */
export interface AdminSessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** GET /v1/admin/users/:id: a person, their sessions, businesses, trials and what staff did to them. */
export interface AdminUserDetail {
  user: AdminUserSummary;
  /** Newest first, at most 20. */
  sessions: AdminSessionView[];
  businesses: MembershipSummary[];
  /** Newest first, at most 20. */
  trials: TrialResponse[];
  /** Audit lines about this user, newest first, at most 20. */
  auditEvents: AuditEvent[];
}

/** GET /v1/admin/businesses/:id: the business as staff see it. */
export interface AdminBusinessDetail {
  business: BusinessOverview;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
  members: BusinessMemberView[];
  /** Newest first, at most 10. */
  recentCalls: BusinessCallSummary[];
  /** Newest first, at most 10. */
  recentLeads: LeadSummary[];
  /** Audit lines of this business (DNC changes, …), newest first, at most 20. */
  auditEvents: AuditEvent[];
  /** Its revenue, call costs and margin over the last 30 days. */
  margin: AdminMarginSummary;
  /** Staff's grant of included calls, while it runs (null: the plan's allowance). */
  planOverride: PlanOverride | null;
}

/** Staff's grant of a business's included calls per period, in force until `until`. */
export interface PlanOverride {
  callsIncluded: number;
  until: string;
  reason: string;
  /** The staff member who set it. */
  setBy: string | null;
  setAt: string;
}

/** PUT /v1/admin/businesses/:id/plan-override; `until` defaults to the end of the current billing period. */
export interface SetPlanOverrideRequest {
  callsIncluded: number;
  reason: string;
  until?: string;
}

/** DELETE /v1/admin/businesses/:id/plan-override */
export interface RemovePlanOverrideRequest {
  reason: string;
}

/** The answer of PUT and DELETE /v1/admin/businesses/:id/plan-override: the allowance now. */
export interface PlanOverrideState {
  businessId: string;
  plan: Plan;
  /** The plan's allowance. */
  planCallsIncluded: number;
  /** What the business may take this period now: the override's while it runs, else the plan's. */
  callsIncluded: number;
  callsUsedThisPeriod: number;
  override: PlanOverride | null;
}

/** How GET /v1/admin/costs groups: per provider per UTC day, or per business over the period. */
export const COST_GROUPINGS = ['provider', 'business'] as const;
export type CostGrouping = (typeof COST_GROUPINGS)[number];

/** A row of GET /v1/admin/costs?groupBy=provider: what one provider's share of calls cost on one UTC day. */
export interface ProviderCostRow {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** A key of the calls' cost breakdown (`twilio`, `llm`, `stt`, `tts`, `vapi`…), `unattributed` for a total without one. */
  provider: string;
  calls: number;
  /** US dollars. */
  costUsd: number;
}

/** A row of GET /v1/admin/costs?groupBy=business: a business's revenue (paid Stripe invoices) minus its calls' costs. */
export interface AdminBusinessMargin {
  businessId: string;
  businessName: string;
  plan: Plan;
  status: BusinessStatus;
  /** Paid invoices in the period. */
  invoices: number;
  /** US dollars paid in the period. */
  revenueUsd: number;
  /** The business's calls in the period. */
  calls: number;
  /** US dollars those calls cost. */
  costUsd: number;
  /** revenueUsd − costUsd. */
  marginUsd: number;
}

/** A business's margin over a period (its staff page: the last 30 days). */
export interface AdminMarginSummary {
  from: string;
  to: string;
  invoices: number;
  revenueUsd: number;
  calls: number;
  costUsd: number;
  marginUsd: number;
}

/** GET /v1/admin/costs: one page of the report (least profitable business first; providers by day) and the period's totals. */
export interface AdminCostReport<T> {
  groupBy: CostGrouping;
  from: string;
  to: string;
  items: T[];
  nextCursor: string | null;
  totals: { calls: number; costUsd: number; revenueUsd: number | null; marginUsd: number | null };
}

/** An item of GET /v1/admin/health/circuit-breakers: one provider operation's breaker, as every process shares it. */
export interface CircuitBreakerView {
  /** `<provider>:<operation>`, e.g. `vapi:place_call`. */
  name: string;
  /** half_open: the open period is over, the next call probes. */
  state: 'closed' | 'open' | 'half_open';
  /** Failures counted in the rolling window of 60 s. */
  failures: number;
  lastFailureAt: string | null;
  lastError: string | null;
  /** When the current open period began; null when closed. */
  openedAt: string | null;
  opens: number;
  closes: number;
}

/** One provider's stored webhook events by status (GET /v1/admin/health/webhooks). */
export interface WebhookBacklogRow {
  provider: Provider;
  /** Waiting to be processed (or for a retry). */
  pending: number;
  processing: number;
  /** Out of retries: replayable from the event's page. */
  failed: number;
  completedLast24h: number;
  ignoredLast24h: number;
  /** When the oldest pending or processing event arrived. */
  oldestPendingAt: string | null;
}

/** GET /v1/admin/health/webhooks: the backlog and failures of provider webhooks. */
export interface WebhookHealth {
  providers: WebhookBacklogRow[];
  /** Seconds since the oldest pending or processing event arrived (any provider); null when none waits. */
  oldestPendingAgeSeconds: number | null;
  /** The latest failed events, newest first, at most 10. */
  recentFailures: WebhookEventSummary[];
}

/** An item of GET /v1/admin/health/queues: one job queue's counts. */
export interface QueueHealthView {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
}

/** GET /v1/admin/trials/:id: a trial and who started it. */
export interface AdminTrialDetail {
  trial: TrialResponse;
  owner: { id: string; email: string } | null;
}

/** GET /v1/admin/leads/:id: a lead (as its business sees it) and its business. */
export interface AdminLeadDetail {
  lead: Lead;
  businessName: string | null;
}

/** GET /v1/admin/phone-numbers/:id: a number and the business it answers (or answered) for. */
export interface AdminPhoneNumberDetail {
  id: string;
  e164: string;
  status: 'provisioning' | 'active' | 'released';
  businessId: string;
  businessName: string;
  twilioSid: string | null;
  vapiPhoneNumberId: string | null;
  createdAt: string;
  updatedAt: string;
}
