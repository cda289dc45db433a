import type {
  AbuseEventView,
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
  UserSuspension,
  WebhookEventDetail,
  WebhookEventSummary,
} from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

/** Staff's API (`/v1/admin/*`, and the call report, which staff may read for any business). */

export function searchEverything(q: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<AdminSearchHit>> {
  return apiRequest<Page<AdminSearchHit>>('/v1/admin/search', { query: { q, cursor }, signal });
}

export function fetchAdminUser(id: string, signal?: AbortSignal): Promise<AdminUserDetail> {
  return apiRequest<AdminUserDetail>(`/v1/admin/users/${encodeURIComponent(id)}`, { signal });
}

export function fetchAdminBusiness(id: string, signal?: AbortSignal): Promise<AdminBusinessDetail> {
  return apiRequest<AdminBusinessDetail>(`/v1/admin/businesses/${encodeURIComponent(id)}`, { signal });
}

export function suspendUser(id: string, reason: string): Promise<UserSuspension> {
  return apiRequest<UserSuspension>(`/v1/admin/users/${encodeURIComponent(id)}/suspension`, { method: 'POST', body: { reason } });
}

export function liftSuspension(id: string, reason: string): Promise<UserSuspension> {
  return apiRequest<UserSuspension>(`/v1/admin/users/${encodeURIComponent(id)}/suspension`, { method: 'DELETE', body: { reason } });
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
  return apiRequest<Page<AuditEvent>>('/v1/admin/audit-events', { query: { ...filters, cursor }, signal });
}

export function fetchAbuseEvents(cursor: string | undefined, signal?: AbortSignal): Promise<Page<AbuseEventView>> {
  return apiRequest<Page<AbuseEventView>>('/v1/admin/abuse-events', { query: { cursor }, signal });
}

export function fetchAbuseTop(days: number, signal?: AbortSignal): Promise<AbuseTopReport> {
  return apiRequest<AbuseTopReport>('/v1/admin/abuse-events/top', { query: { days }, signal });
}

export function fetchTrialBlocks(status: 'active' | 'all', cursor: string | undefined, signal?: AbortSignal): Promise<Page<TrialBlock>> {
  return apiRequest<Page<TrialBlock>>('/v1/admin/trial-blocks', { query: { status, cursor }, signal });
}

export function addTrialBlock(body: CreateTrialBlockRequest): Promise<TrialBlock> {
  return apiRequest<TrialBlock>('/v1/admin/trial-blocks', { method: 'POST', body });
}

export function liftTrialBlock(id: string, reason: string): Promise<TrialBlock> {
  return apiRequest<TrialBlock>(`/v1/admin/trial-blocks/${encodeURIComponent(id)}`, { method: 'DELETE', body: { reason } });
}

/** `GET /v1/admin/webhook-events` filters. */
export interface WebhookEventFilters {
  provider?: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
}

export function fetchWebhookEvents(filters: WebhookEventFilters, cursor: string | undefined, signal?: AbortSignal): Promise<Page<WebhookEventSummary>> {
  return apiRequest<Page<WebhookEventSummary>>('/v1/admin/webhook-events', { query: { ...filters, cursor }, signal });
}

export function fetchWebhookEvent(id: string, signal?: AbortSignal): Promise<WebhookEventDetail> {
  return apiRequest<WebhookEventDetail>(`/v1/admin/webhook-events/${encodeURIComponent(id)}`, { signal });
}

export function replayWebhookEvent(id: string): Promise<WebhookEventDetail> {
  return apiRequest<WebhookEventDetail>(`/v1/admin/webhook-events/${encodeURIComponent(id)}/replay`, { method: 'POST' });
}

export function fetchStaffCall(id: string, signal?: AbortSignal): Promise<CallReport> {
  return apiRequest<CallReport>(`/v1/calls/${encodeURIComponent(id)}`, { signal });
}

export function fetchCircuitBreakers(signal?: AbortSignal): Promise<Page<CircuitBreakerView>> {
  return apiRequest<Page<CircuitBreakerView>>('/v1/admin/health/circuit-breakers', { signal });
}

/** Beaker's own do-not-call list (honoured for every business and every trial). */
export function fetchDncEntries(status: DncStatusFilter, cursor: string | undefined, signal?: AbortSignal): Promise<Page<DncEntry>> {
  return apiRequest<Page<DncEntry>>('/v1/admin/dnc', { query: { status, cursor }, signal });
}

export function addDncEntry(body: DncAddRequest): Promise<DncEntry> {
  return apiRequest<DncEntry>('/v1/admin/dnc', { method: 'POST', body });
}

export function removeDncEntry(id: string, reason: string): Promise<DncEntry> {
  return apiRequest<DncEntry>(`/v1/admin/dnc/${encodeURIComponent(id)}`, { method: 'DELETE', body: { reason } });
}
