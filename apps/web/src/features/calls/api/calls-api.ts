import type { CallReport } from '@beaker/contracts';
import { api, call } from '../../../lib/api-client';

export function getCall(id: string, signal?: AbortSignal): Promise<CallReport> {
  return call(api.GET('/v1/calls/{id}', { params: { path: { id } }, signal }));
}

/** The Server-Sent Events stream of a call's status changes (same origin: the session cookie goes along). */
export function callEventsUrl(id: string): string {
  return `/v1/calls/${encodeURIComponent(id)}/events`;
}
