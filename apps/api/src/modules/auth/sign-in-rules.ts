/** The small, pure rules of signing in. */

export const MAGIC_LINK_TTL_MS = 20 * 60 * 1000;
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** A used session's expiry moves forward at most this often: no write per request. */
export const SESSION_REFRESH_INTERVAL_MS = 3600 * 1000;

/** Emails are compared and stored trimmed and lower-cased (`User+Test@Example.COM ` → `user+test@example.com`). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A path inside the app to land on after sign-in: `/…`, never `//host` or `/\host` (which browsers
 * read as another origin), no scheme, no whitespace or control characters.
 */
export function isSafeRedirectPath(path: unknown): path is string {
  return (
    typeof path === 'string' &&
    path.length <= 512 &&
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !/[\\\s]/.test(path) &&
    ![...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  );
}

/** The link in the email; the SPA's /auth/verify page exchanges the token for a session. */
export function magicLinkUrl(appUrl: string, token: string, redirectTo?: string): string {
  const next = redirectTo && isSafeRedirectPath(redirectTo) ? `&next=${encodeURIComponent(redirectTo)}` : '';
  return `${appUrl}/auth/verify?token=${encodeURIComponent(token)}${next}`;
}

/** Whether a session used at `now` should have its expiry pushed forward (sliding, at most hourly). */
export function shouldRefreshSession(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() - now.getTime() < SESSION_TTL_MS - SESSION_REFRESH_INTERVAL_MS;
}
