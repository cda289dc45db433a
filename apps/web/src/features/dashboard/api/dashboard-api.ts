import type {
  AssistantSettings,
  AssistantSettingsUpdate,
  BusinessCallsQuery,
  BusinessCallSummary,
  BusinessMemberView,
  BusinessOverview,
  Page,
  TestCallPlaced,
} from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

const business = (id: string) => ({ path: { id } });

export function getOverview(businessId: string, signal?: AbortSignal): Promise<BusinessOverview> {
  return call(api.GET('/v1/businesses/{id}/overview', { params: business(businessId), signal }));
}

export function listBusinessCalls(businessId: string, query: BusinessCallsQuery, signal?: AbortSignal): Promise<Page<BusinessCallSummary>> {
  return call(api.GET('/v1/businesses/{id}/calls', { params: { ...business(businessId), query }, signal }));
}

export function updateAssistant(businessId: string, body: AssistantSettingsUpdate): Promise<AssistantSettings> {
  return call(api.PATCH('/v1/businesses/{id}/assistant', { params: { ...business(businessId), header: csrfHeader() }, body }));
}

export function retryProvisioning(businessId: string): Promise<{ step: string | null }> {
  return call(api.POST('/v1/businesses/{id}/provisioning/retry', { params: { ...business(businessId), header: csrfHeader() } }));
}

/** A page of the team (owners first); 100 a page: a team rarely needs a second. */
export function listMembers(businessId: string, cursor: string | undefined, signal?: AbortSignal): Promise<Page<BusinessMemberView>> {
  return call(api.GET('/v1/businesses/{id}/members', { params: { ...business(businessId), query: { cursor, limit: 100 } }, signal }));
}

export function inviteMember(businessId: string, email: string): Promise<BusinessMemberView> {
  return call(api.POST('/v1/businesses/{id}/members', { params: { ...business(businessId), header: csrfHeader() }, body: { email } }));
}

export function removeMember(businessId: string, userId: string): Promise<void> {
  return call(api.DELETE('/v1/businesses/{id}/members/{userId}', { params: { path: { id: businessId, userId }, header: csrfHeader() } }));
}

/** "Hear your agent": the business's assistant calls the owner's verified phone (owners; 3 an hour). */
export function placeTestCall(businessId: string): Promise<TestCallPlaced> {
  return call(api.POST('/v1/businesses/{id}/test-calls', { params: { ...business(businessId), header: csrfHeader() } }));
}
