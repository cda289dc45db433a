import type { CookieOptions } from '../../common/http/cookies';
import { CSRF_COOKIE, SESSION_COOKIE } from '@beaker/contracts';
import { hmacSha256Hex } from '../../common/crypto';

export { CSRF_COOKIE, SESSION_COOKIE };
export const CSRF_HEADER_NAME = 'x-csrf-token';

/**
 * Flags of the session cookie: httpOnly (scripts never see it), SameSite=Lax (not sent on
 * cross-site POSTs), Secure when the app is served over https.
 */
export function sessionCookieOptions(appUrl: string, maxAgeSeconds: number): CookieOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure: appUrl.startsWith('https:'), maxAge: maxAgeSeconds };
}

/** The CSRF cookie: the same, but readable by the SPA, which echoes it in X-CSRF-Token. */
export function csrfCookieOptions(appUrl: string, maxAgeSeconds: number): CookieOptions {
  return { ...sessionCookieOptions(appUrl, maxAgeSeconds), httpOnly: false };
}

/**
 * The CSRF token of a session: an HMAC of its id under SESSION_SECRET ("signed double submit").
 * A cookie planted by a sibling subdomain cannot match it, and it can be re-issued at any time
 * without storing anything.
 */
export function csrfTokenFor(sessionId: string, secret: string): string {
  return hmacSha256Hex(secret, `csrf:${sessionId}`);
}
