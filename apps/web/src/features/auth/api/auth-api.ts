import type { MagicLinkAccepted, MagicLinkRequest, MeResponse, SessionResponse } from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

export function requestMagicLink(body: MagicLinkRequest): Promise<MagicLinkAccepted> {
  return apiRequest<MagicLinkAccepted>('/v1/auth/magic-links', { method: 'POST', body });
}

export function exchangeToken(token: string): Promise<SessionResponse> {
  return apiRequest<SessionResponse>('/v1/auth/sessions', { method: 'POST', body: { token } });
}

export function signOut(): Promise<void> {
  return apiRequest<void>('/v1/auth/sessions/current', { method: 'DELETE' });
}

export function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiRequest<MeResponse>('/v1/me', { signal });
}
