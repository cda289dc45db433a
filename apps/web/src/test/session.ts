import type { MeResponse } from '@beaker/contracts';
import { jsonResponse } from './render';

/**
 * Handlers for GET /v1/auth/session (the header and the signed-in pages ask it first):
 * `signedInAs()` answers with a plain user, u1 dana@coolair.example with no business and a full
 * session (a spec changes what it depends on); `signedOut` answers `user: null`.
 */
export function signedInAs(changes: Partial<MeResponse> = {}): () => Response {
  const user: MeResponse = { id: 'u1', email: 'dana@coolair.example', role: 'user', businesses: [], trialSessionFor: null, ...changes };
  return () => jsonResponse(200, { user });
}

export const signedOut = (): Response => jsonResponse(200, { user: null });
