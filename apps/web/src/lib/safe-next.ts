export const DEFAULT_SIGNED_IN_PATH = '/app';

/** Landing on these after sign-in would only send the person around in a circle. */
function isSignInPath(pathname: string): boolean {
  return pathname === '/sign-in' || pathname === '/check-email' || pathname.startsWith('/auth/');
}

/**
 * Where to land after sign-in. Only paths inside this app are honoured, so a crafted link
 * (`next=https://evil.example` or `//evil.example`) can never send someone off-site.
 */
export function safeNext(next: string | null | undefined, fallback: string = DEFAULT_SIGNED_IN_PATH): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback;
  // Backslashes and control characters have no place in our routes (browsers treat `/\` like `//`).
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\\]/.test(next)) return fallback;
  if (isSignInPath(next.split(/[?#]/)[0])) return fallback;
  return next;
}
