import type { CallReport, ConfirmVerificationRequest, CreateTrialRequest, Page, PlaceTrialCallRequest, StartTrialRequest, TrialResponse, VerificationSent, VerificationState } from '@beaker/contracts';
import { api, call } from '../../../lib/api-client';

const trial = (id: string) => ({ path: { id } });

export function createTrial(body: CreateTrialRequest): Promise<TrialResponse> {
  return call(api.POST('/v1/trials', { body }));
}

/** The trial from the landing page, signed out: opens a trial session (cookies) and emails a sign-in link. */
export function startTrial(body: StartTrialRequest): Promise<TrialResponse> {
  return call(api.POST('/v1/trials/start', { body }));
}

export function listTrials(signal?: AbortSignal): Promise<Page<TrialResponse>> {
  return call(api.GET('/v1/trials', { signal }));
}

export function getTrial(id: string, signal?: AbortSignal): Promise<TrialResponse> {
  return call(api.GET('/v1/trials/{id}', { params: trial(id), signal }));
}

/** Where verification stands (sends nothing): a reloaded page asks this instead of texting again. */
export function getVerificationState(trialId: string, signal?: AbortSignal): Promise<VerificationState> {
  return call(api.GET('/v1/trials/{id}/verification', { params: trial(trialId), signal }));
}

export function sendVerificationCode(trialId: string): Promise<VerificationSent> {
  return call(api.POST('/v1/trials/{id}/verification', { params: trial(trialId) }));
}

export function confirmVerificationCode(trialId: string, body: ConfirmVerificationRequest): Promise<TrialResponse> {
  return call(api.POST('/v1/trials/{id}/verification/confirm', { params: trial(trialId), body }));
}

export function placeTrialCall(trialId: string, body: PlaceTrialCallRequest = {}): Promise<CallReport> {
  return call(api.POST('/v1/trials/{id}/calls', { params: trial(trialId), body }));
}
