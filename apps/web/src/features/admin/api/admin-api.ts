import type {
  AbuseEventView,
  AdminFunnelReport,
  AdminMrrReport,
  FunnelGroupBy,
  AdminBusinessMargin,
  AdminLeadDetail,
  AdminPhoneNumberDetail,
  AdminTrialDetail,
  AdminCostReport,
  CostGrouping,
  ProviderCostRow,
  QueueHealthView,
  WebhookHealth,
  AbuseTopReport,
  AdminBusinessDetail,
  AdminSearchHit,
  AdminUserDetail,
  AuditEvent,
  CallReport,
  CircuitBreakerView,
  CreateTrialBlockRequest,
  DncAddRequest,
  DncEntry,
  DncStatusFilter,
  Page,
  TrialBlock,
  PlanOverrideState,
  SetPlanOverrideRequest,
  UserSuspension,
  WebhookEventDetail,
  WebhookEventStatus,
  WebhookEventSummary,
  Provider,
  WeeklyReportPreview,
} from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

/** Staff's API (`/v1/admin/*`, and the call report, which staff may read for any business). */

export function searchEverything(q: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<AdminSearchHit>> {
  return call(api.GET('/v1/admin/search', { params: { query: { q, cursor } }, signal }));
}

export function fetchAdminUser(id: string, signal?: AbortSignal): Promise<AdminUserDetail> {
  return call(api.GET('/v1/admin/users/{id}', { params: { path: { id } }, signal }));
}

export function fetchAdminBusiness(id: string, signal?: AbortSignal): Promise<AdminBusinessDetail> {
  return call(api.GET('/v1/admin/businesses/{id}', { params: { path: { id } }, signal }));
}

/** A business's weekly report email as it would go out now (nothing is sent). */
export function fetchWeeklyReportPreview(id: string, signal?: AbortSignal): Promise<WeeklyReportPreview> {
  return call(api.GET('/v1/admin/businesses/{id}/weekly-report/preview', { params: { path: { id } }, signal }));
}

export function setPlanOverride(id: string, body: SetPlanOverrideRequest): Promise<PlanOverrideState> {
  return call(api.PUT('/v1/admin/businesses/{id}/plan-override', { params: { path: { id }, header: csrfHeader() }, body }));
}

export function removePlanOverride(id: string, reason: string): Promise<PlanOverrideState> {
  return call(api.DELETE('/v1/admin/businesses/{id}/plan-override', { params: { path: { id }, header: csrfHeader() }, body: { reason } }));
}

export function suspendUser(id: string, reason: string): Promise<UserSuspension> {
  return call(api.POST('/v1/admin/users/{id}/suspension', { params: { path: { id }, header: csrfHeader() }, body: { reason } }));
}

export function liftSuspension(id: string, reason: string): Promise<UserSuspension> {
  return call(api.DELETE('/v1/admin/users/{id}/suspension', { params: { path: { id }, header: csrfHeader() }, body: { reason } }));
}

/** `GET /v1/admin/audit-events` filters (the API's names). */
export interface AuditEventFilters {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  businessId?: string;
  from?: string;
  to?: string;
}

export function fetchAuditEvents(filters: AuditEventFilters, cursor: string | undefined, signal?: AbortSignal): Promise<Page<AuditEvent>> {
  return call(api.GET('/v1/admin/audit-events', { params: { query: { ...filters, cursor } }, signal }));
}

export function fetchAbuseEvents(cursor: string | undefined, signal?: AbortSignal): Promise<Page<AbuseEventView>> {
  return call(api.GET('/v1/admin/abuse-events', { params: { query: { cursor } }, signal }));
}

export function fetchAbuseTop(days: number, signal?: AbortSignal): Promise<AbuseTopReport> {
  return call(api.GET('/v1/admin/abuse-events/top', { params: { query: { days } }, signal }));
}

export function fetchTrialBlocks(status: 'active' | 'all', cursor: string | undefined, signal?: AbortSignal): Promise<Page<TrialBlock>> {
  return call(api.GET('/v1/admin/trial-blocks', { params: { query: { status, cursor } }, signal }));
}

export function addTrialBlock(body: CreateTrialBlockRequest): Promise<TrialBlock> {
  return call(api.POST('/v1/admin/trial-blocks', { params: { header: csrfHeader() }, body }));
}

export function liftTrialBlock(id: string, reason: string): Promise<TrialBlock> {
  return call(api.DELETE('/v1/admin/trial-blocks/{blockId}', { params: { path: { blockId: id }, header: csrfHeader() }, body: { reason } }));
}

/** `GET /v1/admin/webhook-events` filters. */
export interface WebhookEventFilters {
  provider?: Provider;
  type?: string;
  status?: WebhookEventStatus;
  from?: string;
  to?: string;
}

export function fetchWebhookEvents(filters: WebhookEventFilters, cursor: string | undefined, signal?: AbortSignal): Promise<Page<WebhookEventSummary>> {
  return call(api.GET('/v1/admin/webhook-events', { params: { query: { ...filters, cursor } }, signal }));
}

export function fetchWebhookEvent(id: string, signal?: AbortSignal): Promise<WebhookEventDetail> {
  return call(api.GET('/v1/admin/webhook-events/{id}', { params: { path: { id } }, signal }));
}

export function replayWebhookEvent(id: string): Promise<WebhookEventDetail> {
  return call(api.POST('/v1/admin/webhook-events/{id}/replay', { params: { path: { id }, header: csrfHeader() } }));
}

export function fetchStaffCall(id: string, signal?: AbortSignal): Promise<CallReport> {
  return call(api.GET('/v1/calls/{id}', { params: { path: { id } }, signal }));
}

export function fetchCallWebhookEvents(id: string, signal?: AbortSignal): Promise<Page<WebhookEventSummary>> {
  return call(api.GET('/v1/admin/calls/{id}/webhook-events', { params: { path: { id } }, signal }));
}

export function fetchAdminTrial(id: string, signal?: AbortSignal): Promise<AdminTrialDetail> {
  return call(api.GET('/v1/admin/trials/{id}', { params: { path: { id } }, signal }));
}

export function fetchAdminLead(id: string, signal?: AbortSignal): Promise<AdminLeadDetail> {
  return call(api.GET('/v1/admin/leads/{id}', { params: { path: { id } }, signal })) as Promise<AdminLeadDetail>;
}

export function fetchAdminPhoneNumber(id: string, signal?: AbortSignal): Promise<AdminPhoneNumberDetail> {
  return call(api.GET('/v1/admin/phone-numbers/{id}', { params: { path: { id } }, signal }));
}

export function fetchCircuitBreakers(signal?: AbortSignal): Promise<Page<CircuitBreakerView>> {
  return call(api.GET('/v1/admin/health/circuit-breakers', { signal }));
}

export function fetchWebhookHealth(signal?: AbortSignal): Promise<WebhookHealth> {
  return call(api.GET('/v1/admin/health/webhooks', { signal }));
}

export function fetchQueueHealth(signal?: AbortSignal): Promise<Page<QueueHealthView>> {
  return call(api.GET('/v1/admin/health/queues', { signal }));
}

/** Beaker's own do-not-call list (honoured for every business and every trial). */
export function fetchDncEntries(status: DncStatusFilter, cursor: string | undefined, signal?: AbortSignal): Promise<Page<DncEntry>> {
  return call(api.GET('/v1/admin/dnc', { params: { query: { status, cursor } }, signal }));
}

export function addDncEntry(body: DncAddRequest): Promise<DncEntry> {
  return call(api.POST('/v1/admin/dnc', { params: { header: csrfHeader() }, body }));
}

export function removeDncEntry(id: string, reason: string): Promise<DncEntry> {
  return call(api.DELETE('/v1/admin/dnc/{entryId}', { params: { path: { entryId: id }, header: csrfHeader() }, body: { reason } }));
}

/** `GET /v1/admin/costs`: a period [from, to) (ISO instants) and a grouping. */
export interface CostQuery {
  from: string;
  to: string;
  groupBy: CostGrouping;
}

export type CostReport = AdminCostReport<ProviderCostRow> | AdminCostReport<AdminBusinessMargin>;

export function fetchCosts(query: CostQuery, cursor: string | undefined, signal?: AbortSignal): Promise<CostReport> {
  return call(api.GET('/v1/admin/costs', { params: { query: { ...query, cursor } }, signal })) as Promise<CostReport>;
}

/** The whole report as a CSV file (a plain link: the browser downloads it with the staff session). */
export function costsCsvHref(query: CostQuery): string {
  return `/v1/admin/costs?${new URLSearchParams({ ...query, format: 'csv' }).toString()}`;
}

/** `GET /v1/admin/analytics/mrr`: MRR and its movements per UTC month, from `from` to `to` (days). */
export function fetchMrr(query: { from: string; to: string }, signal?: AbortSignal): Promise<AdminMrrReport> {
  return call(api.GET('/v1/admin/analytics/mrr', { params: { query: { ...query, interval: 'month' } }, signal }));
}

/** `GET /v1/admin/analytics/funnel`: the trial funnel of the people who signed up from `from` to `to`. */
export function fetchFunnel(query: { from: string; to: string; groupBy: FunnelGroupBy }, signal?: AbortSignal): Promise<AdminFunnelReport> {
  return call(api.GET('/v1/admin/analytics/funnel', { params: { query }, signal }));
}
