import type {
  AssistantSettings,
  AssistantSettingsUpdate,
  BusinessCallsQuery,
  BusinessCallSummary,
  BusinessMemberView,
  BusinessOverview,
  Page,
} from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

const base = (businessId: string) => `/v1/businesses/${encodeURIComponent(businessId)}`;

export function getOverview(businessId: string, signal?: AbortSignal): Promise<BusinessOverview> {
  return apiRequest<BusinessOverview>(`${base(businessId)}/overview`, { signal });
}

export function listBusinessCalls(businessId: string, query: BusinessCallsQuery, signal?: AbortSignal): Promise<Page<BusinessCallSummary>> {
  return apiRequest<Page<BusinessCallSummary>>(`${base(businessId)}/calls`, { query: { ...query }, signal });
}

export function updateAssistant(businessId: string, body: AssistantSettingsUpdate): Promise<AssistantSettings> {
  return apiRequest<AssistantSettings>(`${base(businessId)}/assistant`, { method: 'PATCH', body });
}

export function retryProvisioning(businessId: string): Promise<{ step: string | null }> {
  return apiRequest<{ step: string | null }>(`${base(businessId)}/provisioning/retry`, { method: 'POST' });
}

export function listMembers(businessId: string, signal?: AbortSignal): Promise<Page<BusinessMemberView>> {
  return apiRequest<Page<BusinessMemberView>>(`${base(businessId)}/members`, { signal });
}

export function inviteMember(businessId: string, email: string): Promise<BusinessMemberView> {
  return apiRequest<BusinessMemberView>(`${base(businessId)}/members`, { method: 'POST', body: { email } });
}

export function removeMember(businessId: string, userId: string): Promise<void> {
  return apiRequest<void>(`${base(businessId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}
