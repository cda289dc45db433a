import type { MagicLinkAccepted, MagicLinkRequest, MeResponse, SessionResponse } from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

export function requestMagicLink(body: MagicLinkRequest): Promise<MagicLinkAccepted> {
  return call(api.POST('/v1/auth/magic-links', { body }));
}

export function exchangeToken(token: string): Promise<SessionResponse> {
  return call(api.POST('/v1/auth/sessions', { body: { token } }));
}

export function signOut(): Promise<void> {
  return call(api.DELETE('/v1/auth/sessions/current', { params: { header: csrfHeader() } }));
}

export function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return call(api.GET('/v1/me', { signal }));
}
