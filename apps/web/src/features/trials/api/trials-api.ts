import type { CallReport, ConfirmVerificationRequest, CreateTrialRequest, Page, TrialResponse, VerificationSent } from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

export function createTrial(body: CreateTrialRequest): Promise<TrialResponse> {
  return apiRequest<TrialResponse>('/v1/trials', { method: 'POST', body });
}

export function listTrials(signal?: AbortSignal): Promise<Page<TrialResponse>> {
  return apiRequest<Page<TrialResponse>>('/v1/trials', { signal });
}

export function getTrial(id: string, signal?: AbortSignal): Promise<TrialResponse> {
  return apiRequest<TrialResponse>(`/v1/trials/${encodeURIComponent(id)}`, { signal });
}

export function sendVerificationCode(trialId: string): Promise<VerificationSent> {
  return apiRequest<VerificationSent>(`/v1/trials/${encodeURIComponent(trialId)}/verification`, { method: 'POST' });
}

export function confirmVerificationCode(trialId: string, body: ConfirmVerificationRequest): Promise<TrialResponse> {
  return apiRequest<TrialResponse>(`/v1/trials/${encodeURIComponent(trialId)}/verification/confirm`, { method: 'POST', body });
}

export function placeTrialCall(trialId: string): Promise<CallReport> {
  return apiRequest<CallReport>(`/v1/trials/${encodeURIComponent(trialId)}/calls`, { method: 'POST' });
}
