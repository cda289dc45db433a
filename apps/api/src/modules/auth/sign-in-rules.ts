/** The small, pure rules of signing in. */

export const MAGIC_LINK_TTL_MS = 20 * 60 * 1000;
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** However much it is used, a session ends this long after sign-in: sliding never keeps it for ever. */
export const SESSION_MAX_LIFETIME_MS = 90 * 24 * 3600 * 1000;
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

/** The expiry a session used at `now` slides to: SESSION_TTL_MS on, but never past SESSION_MAX_LIFETIME_MS after it was created. */
export function slidSessionExpiry(now: Date, createdAt?: Date): Date {
  const sliding = now.getTime() + SESSION_TTL_MS;
  return new Date(createdAt ? Math.min(sliding, createdAt.getTime() + SESSION_MAX_LIFETIME_MS) : sliding);
}

/**
 * Whether a session used at `now` should have its expiry pushed forward: when that moves it by more
 * than the refresh interval (sliding, at most hourly; never once it has reached its maximum lifetime).
 */
export function shouldRefreshSession(expiresAt: Date, now: Date, createdAt?: Date): boolean {
  return slidSessionExpiry(now, createdAt).getTime() - expiresAt.getTime() > SESSION_REFRESH_INTERVAL_MS;
}
