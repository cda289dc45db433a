import type { CurrentSessionResponse, MagicLinkAccepted, MagicLinkRequest, SessionResponse } from '@beaker/contracts';
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

/** Who is signed in: the session probe answers 200 either way (`user: null` signed out), so a signed-out page logs no failed request. */
export function fetchCurrentSession(signal?: AbortSignal): Promise<CurrentSessionResponse> {
  return call(api.GET('/v1/auth/session', { signal }));
}
