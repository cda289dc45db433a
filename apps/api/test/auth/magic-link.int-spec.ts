import { client, inbox, requestLinkToken, setCookies, signInAs, tokenFrom } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

/** The seed's T002 scenarios, adapted: magic-link sign-in. */
describe('auth: magic-link sign-in (T002)', () => {
  const start = new Date('2026-03-02T15:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ clockAt: start, env: { ADMIN_EMAILS: 'staff@beaker.dev' } });
  });
  beforeEach(async () => {
    await resetState(t);
    t.clock!.set(start);
  });
  afterAll(async () => t.close());

  it('scenario 1: answers 202 and emails a link to /auth/verify?token=… (HTML and text)', async () => {
    const res = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'user@example.com' } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ message: expect.stringMatching(/check your email/i), expiresInMinutes: 20 });

    const [email] = await inbox(t, 'user@example.com');
    expect(email).toMatchObject({ to: 'user@example.com', subject: 'Your Beaker sign-in link', sentAt: start.toISOString() });
    const token = tokenFrom(email);
    // ≥ 32 random bytes: 43 base64url characters.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(email.text).toContain(`${t.baseUrl}/auth/verify?token=${token}`);
    expect(email.html).toContain(`href="${t.baseUrl}/auth/verify?token=${token}"`);
    // Only the hash is stored.
    const rows = await t.db.query(`SELECT token_hash FROM magic_links`);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers an unknown address exactly as a known one, and creates no account until the link is used', async () => {
    await t.db.query(`INSERT INTO users (email) VALUES ('known@example.com')`);
    const known = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'known@example.com' } });
    const unknown = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'nobody@example.com' } });
    expect(unknown.status).toBe(known.status);
    expect(await unknown.text()).toBe(await known.text());
    expect(unknown.headers.get('content-type')).toBe(known.headers.get('content-type'));
    expect(await t.db.query(`SELECT email FROM users ORDER BY email`)).toEqual([{ email: 'known@example.com' }]);
  });

  it('scenario 2: a valid link signs in (201, user, cookies) and creates the account at first sign-in', async () => {
    const token = await requestLinkToken(t, 'new@example.com');
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({ user: { id: expect.any(String), email: 'new@example.com', role: 'user', businesses: [], trialSessionFor: null } });
    const cookies = setCookies(res as unknown as Response);
    expect(cookies.beaker_session.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookies.beaker_csrf.value).toMatch(/^[0-9a-f]{64}$/);

    const me = await t.request('/v1/me', { headers: { cookie: `beaker_session=${cookies.beaker_session.value}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).id).toBe(body.user.id);
    const [user] = await t.db.query(`SELECT last_sign_in_at FROM users WHERE id = $1`, [body.user.id]);
    expect(user.last_sign_in_at.toISOString()).toBe(start.toISOString());
  });

  it('scenario 3: a link used after 20 minutes is expired (401 AUTH.TOKEN_EXPIRED), no session; a new link works', async () => {
    const token = await requestLinkToken(t, 'late@example.com');
    t.clock!.advance(21 * 60 * 1000);
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('AUTH.TOKEN_EXPIRED');
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await t.db.query(`SELECT id FROM sessions`)).toEqual([]);

    const again = await requestLinkToken(t, 'late@example.com');
    expect((await t.request('/v1/auth/sessions', { method: 'POST', json: { token: again } })).status).toBe(201);
  });

  it('expires at exactly 20 minutes: valid one second before, expired at 20:00', async () => {
    const first = await requestLinkToken(t, 'edge@example.com');
    const second = await requestLinkToken(t, 'edge@example.com');
    t.clock!.advance(20 * 60 * 1000 - 1000);
    expect((await t.request('/v1/auth/sessions', { method: 'POST', json: { token: first } })).status).toBe(201);
    t.clock!.advance(1000);
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: second } });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('AUTH.TOKEN_EXPIRED');
  });

  it('scenario 4: normalizes the address (trim, lower-case) and finds the existing user', async () => {
    const [existing] = await t.db.query(`INSERT INTO users (email) VALUES ('user+test@example.com') RETURNING id`);
    const res = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'User+Test@Example.COM  ' } });
    expect(res.status).toBe(202);
    const [email] = await inbox(t, 'user+test@example.com');
    expect(email.to).toBe('user+test@example.com');
    const session = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: tokenFrom(email) } });
    expect((await session.json()).user).toMatchObject({ id: existing.id, email: 'user+test@example.com' });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM users`)).toEqual([{ n: 1 }]);
  });

  it('is single use: the second exchange of a link is 401 AUTH.TOKEN_INVALID, even when racing', async () => {
    const token = await requestLinkToken(t, 'once@example.com');
    const [a, b] = await Promise.all([
      t.request('/v1/auth/sessions', { method: 'POST', json: { token } }),
      t.request('/v1/auth/sessions', { method: 'POST', json: { token } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 401]);
    const again = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect(again.status).toBe(401);
    expect((await again.json()).code).toBe('AUTH.TOKEN_INVALID');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 1 }]);
  });

  it('refuses an unknown token with 401 AUTH.TOKEN_INVALID and a bad address with 400', async () => {
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: 'x'.repeat(43) } });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('AUTH.TOKEN_INVALID');
    const bad = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'not an email' } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].field).toBe('email');
  });

  it('carries a safe redirectTo in the link as next=, and refuses one pointing elsewhere', async () => {
    const ok = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'r@example.com', redirectTo: '/trial/new?step=2' } });
    expect(ok.status).toBe(202);
    const [email] = await inbox(t, 'r@example.com');
    expect(email.text).toMatch(/\/auth\/verify\?token=[A-Za-z0-9_-]{43}&next=%2Ftrial%2Fnew%3Fstep%3D2/);

    for (const redirectTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const bad = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'r@example.com', redirectTo } });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors[0].field).toBe('redirectTo');
    }
  });

  it('makes ADMIN_EMAILS users admins at sign-in', async () => {
    await t.db.query(`INSERT INTO users (email) VALUES ('staff@beaker.dev')`);
    const token = await requestLinkToken(t, 'Staff@Beaker.dev');
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect((await res.json()).user.role).toBe('admin');
  });

  it('takes the role back from an admin whose address left ADMIN_EMAILS: at sign-in, and at start-up for the sessions they have', async () => {
    // A former staff member, still admin in the database, signs in again: a user from then on.
    await t.db.query(`INSERT INTO users (email, role) VALUES ('former@beaker.dev', 'admin')`);
    const token = await requestLinkToken(t, 'former@beaker.dev');
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect((await res.json()).user.role).toBe('user');

    // Another one never signs in again, and keeps a session: the next start-up demotes them.
    const idle = await signInAs(t, 'idle-former@beaker.dev', { role: 'admin' });
    expect((await idle.request('/v1/admin/users')).status).toBe(200);
    const restarted = await startApp({ clockAt: start, env: { ADMIN_EMAILS: 'staff@beaker.dev' } });
    try {
      const [{ role }] = await t.db.query(`SELECT role FROM users WHERE email = 'idle-former@beaker.dev'`);
      expect(role).toBe('user');
      const asIdle = client(restarted, idle);
      const refused = await asIdle.request('/v1/admin/users');
      expect(refused.status).toBe(403);
      expect((await refused.json()).code).toBe('AUTH.FORBIDDEN');
    } finally {
      await restarted.close();
    }
  });

  it('refuses a suspended user at sign-in with 403 AUTH.SUSPENDED and no session', async () => {
    await t.db.query(`INSERT INTO users (email, suspended_at) VALUES ('banned@example.com', now())`);
    const token = await requestLinkToken(t, 'banned@example.com');
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('AUTH.SUSPENDED');
    expect(await t.db.query(`SELECT id FROM sessions`)).toEqual([]);
  });
});
