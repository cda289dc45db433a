import type { CallReport } from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

export function getCall(id: string, signal?: AbortSignal): Promise<CallReport> {
  return apiRequest<CallReport>(`/v1/calls/${encodeURIComponent(id)}`, { signal });
}

/** The Server-Sent Events stream of a call's status changes (same origin: the session cookie goes along). */
export function callEventsUrl(id: string): string {
  return `/v1/calls/${encodeURIComponent(id)}/events`;
}
