import type { ApiKeyCreated, ApiKeySummary, ComplianceSettings, ComplianceSettingsUpdate, ConsentRecord, DncAddRequest, DncEntry, DncStatusFilter, Page } from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

const business = (id: string) => ({ path: { id } });

export function listApiKeys(businessId: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<ApiKeySummary>> {
  return call(api.GET('/v1/businesses/{id}/api-keys', { params: { ...business(businessId), query: { cursor, limit: 100 } }, signal }));
}

/** `attempt` is the Idempotency-Key: a retry of the same click answers the same key, never a second one. */
export function createApiKey(businessId: string, name: string, attempt: string): Promise<ApiKeyCreated> {
  return call(api.POST('/v1/businesses/{id}/api-keys', { params: { ...business(businessId), header: { ...csrfHeader(), 'Idempotency-Key': attempt } }, body: { name } }));
}

export function revokeApiKey(businessId: string, keyId: string): Promise<void> {
  return call(api.DELETE('/v1/businesses/{id}/api-keys/{keyId}', { params: { path: { id: businessId, keyId }, header: csrfHeader() } }));
}

export function listDncEntries(businessId: string, status: DncStatusFilter, cursor: string | undefined, signal?: AbortSignal): Promise<Page<DncEntry>> {
  return call(api.GET('/v1/businesses/{id}/dnc', { params: { ...business(businessId), query: { status, cursor } }, signal }));
}

export function addDncEntry(businessId: string, body: DncAddRequest): Promise<DncEntry> {
  return call(api.POST('/v1/businesses/{id}/dnc', { params: { ...business(businessId), header: csrfHeader() }, body }));
}

export function removeDncEntry(businessId: string, entryId: string, reason: string): Promise<DncEntry> {
  return call(api.DELETE('/v1/businesses/{id}/dnc/{entryId}', { params: { path: { id: businessId, entryId }, header: csrfHeader() }, body: { reason } }));
}

export function listConsents(businessId: string, phone: string | undefined, cursor: string | undefined, signal?: AbortSignal): Promise<Page<ConsentRecord>> {
  return call(api.GET('/v1/businesses/{id}/consents', { params: { ...business(businessId), query: { phone, cursor, format: 'json' } }, signal }));
}

/**
 * The whole consent ledger (or one number's) as one CSV: the API answers a page at a time, the next
 * cursor in X-Next-Cursor; each later page's header line is dropped.
 */
export async function exportConsentsCsv(businessId: string, phone: string | undefined): Promise<string> {
  let cursor: string | undefined;
  let csv = '';
  do {
    const answer = await api.GET('/v1/businesses/{id}/consents', {
      params: { ...business(businessId), query: { phone, cursor, format: 'csv', limit: 100 } },
      headers: { Accept: 'text/csv, application/problem+json' },
      parseAs: 'text',
    });
    const text = (await call(Promise.resolve(answer))) as unknown as string;
    csv += csv ? text.slice(text.indexOf('\n') + 1) : text;
    cursor = answer.response.headers.get('x-next-cursor') ?? undefined;
  } while (cursor);
  return csv;
}

export function getComplianceSettings(businessId: string, signal?: AbortSignal): Promise<ComplianceSettings> {
  return call(api.GET('/v1/businesses/{id}/compliance-settings', { params: business(businessId), signal }));
}

export function updateComplianceSettings(businessId: string, body: ComplianceSettingsUpdate): Promise<ComplianceSettings> {
  return call(api.PATCH('/v1/businesses/{id}/compliance-settings', { params: { ...business(businessId), header: csrfHeader() }, body }));
}
