import { isSafeRedirectPath, magicLinkUrl, normalizeEmail, SESSION_MAX_LIFETIME_MS, SESSION_TTL_MS, shouldRefreshSession, slidSessionExpiry } from './sign-in-rules';

describe('sign-in rules', () => {
  it('normalizes emails: trims and lower-cases, keeps the +tag (T002 scenario 4)', () => {
    expect(normalizeEmail('User+Test@Example.COM  ')).toBe('user+test@example.com');
    expect(normalizeEmail('\t owner@Beaker.dev\n')).toBe('owner@beaker.dev');
  });

  it.each(['/', '/trial/new', '/dashboard?tab=calls#top', '/a/b%2Fc'])('accepts the in-app path %s', (path) => {
    expect(isSafeRedirectPath(path)).toBe(true);
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'dashboard', '/a b', '/a\nb', '/a\u0001b', 'javascript:alert(1)', `/${'a'.repeat(600)}`, 42])(
    'refuses %s as a redirect',
    (path) => {
      expect(isSafeRedirectPath(path)).toBe(false);
    },
  );

  it('builds the verify link, carrying a safe redirect as next= and dropping an unsafe one', () => {
    expect(magicLinkUrl('https://app.beaker.dev', 'abc_-1', '/trial/new?x=1')).toBe(
      'https://app.beaker.dev/auth/verify?token=abc_-1&next=%2Ftrial%2Fnew%3Fx%3D1',
    );
    expect(magicLinkUrl('https://app.beaker.dev', 'abc', '//evil.example')).toBe('https://app.beaker.dev/auth/verify?token=abc');
  });

  it('slides a session at most once an hour', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const fresh = new Date(now.getTime() + SESSION_TTL_MS - 59 * 60 * 1000);
    const hourOld = new Date(now.getTime() + SESSION_TTL_MS - 61 * 60 * 1000);
    expect(shouldRefreshSession(fresh, now)).toBe(false);
    expect(shouldRefreshSession(hourOld, now)).toBe(true);
  });

  it('never slides a session past 90 days after it was created, and stops refreshing there', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z');
    const cap = createdAt.getTime() + SESSION_MAX_LIFETIME_MS;
    expect(SESSION_MAX_LIFETIME_MS).toBe(90 * 24 * 3600 * 1000);
    const early = new Date(createdAt.getTime() + 10 * 24 * 3600 * 1000);
    expect(slidSessionExpiry(early, createdAt).getTime()).toBe(early.getTime() + SESSION_TTL_MS);
    const late = new Date(cap - 5 * 24 * 3600 * 1000);
    expect(slidSessionExpiry(late, createdAt).getTime()).toBe(cap);
    expect(shouldRefreshSession(new Date(cap), late, createdAt)).toBe(false);
    expect(shouldRefreshSession(new Date(cap - 2 * 3600 * 1000), late, createdAt)).toBe(true);
  });
});
