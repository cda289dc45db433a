import { csrfCookieOptions, csrfTokenFor, sessionCookieOptions } from './cookies';

describe('auth cookies', () => {
  it('makes the session cookie httpOnly, SameSite=Lax, not Secure over http', () => {
    expect(sessionCookieOptions('http://localhost:3000', 60)).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 60 });
  });

  it('makes both cookies Secure when APP_URL is https', () => {
    expect(sessionCookieOptions('https://app.beaker.dev', 60).secure).toBe(true);
    expect(csrfCookieOptions('https://app.beaker.dev', 60).secure).toBe(true);
  });

  it('leaves the CSRF cookie readable by scripts', () => {
    expect(csrfCookieOptions('http://localhost:3000', 60)).toMatchObject({ httpOnly: false, sameSite: 'lax', path: '/' });
  });

  it('derives a CSRF token per session and per secret', () => {
    const secret = 'x'.repeat(32);
    expect(csrfTokenFor('s1', secret)).toBe(csrfTokenFor('s1', secret));
    expect(csrfTokenFor('s1', secret)).not.toBe(csrfTokenFor('s2', secret));
    expect(csrfTokenFor('s1', secret)).not.toBe(csrfTokenFor('s1', 'y'.repeat(32)));
    expect(csrfTokenFor('s1', secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});
