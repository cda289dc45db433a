import { client, setCookies, signIn, signInAs } from '../factories/auth.factory';
import { AUTH_CACHE_TTL_MS, AuthCache } from '../../src/modules/auth/auth-cache';
import { AuthRetention } from '../../src/modules/auth/auth-retention.service';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { resetState, startApp, TestApp } from '../harness';

const DAY = 24 * 3600 * 1000;

async function waitForAuthCache(t: TestApp): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!t.app.get(AuthCache).live) {
    if (Date.now() > deadline) throw new Error('the auth cache never subscribed to invalidations');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('auth: sessions, sign-out and CSRF', () => {
  const start = new Date('2026-03-02T15:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ clockAt: start });
  });
  beforeEach(async () => {
    await resetState(t);
    t.clock!.set(start);
  });
  afterAll(async () => t.close());

  it('sets an httpOnly SameSite=Lax session cookie and a readable CSRF cookie, 30 days, not Secure over http', async () => {
    const token = await (async () => {
      await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'c@example.com' } });
      const res = await t.request('/v1/sandbox/emails?to=c@example.com');
      return /token=([A-Za-z0-9_-]+)/.exec((await res.json()).items[0].text)![1];
    })();
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    const cookies = setCookies(res as unknown as Response);
    const session = cookies.beaker_session.raw;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).toMatch(new RegExp(`Max-Age=${30 * 24 * 3600}`));
    expect(session).not.toMatch(/Secure/i);
    expect(cookies.beaker_csrf.raw).not.toMatch(/HttpOnly/i);
    expect(cookies.beaker_csrf.raw).toMatch(/SameSite=Lax/i);
    // Only the hash of the cookie is stored.
    const [row] = await t.db.query(`SELECT token_hash, expires_at FROM sessions`);
    expect(row.token_hash).not.toBe(cookies.beaker_session.value);
    expect(row.expires_at.getTime()).toBe(start.getTime() + 30 * DAY);
  });

  it('GET /v1/me answers 401 AUTH.UNAUTHENTICATED without a session, and the user with one', async () => {
    const anonymous = await t.request('/v1/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect((await anonymous.json()).code).toBe('AUTH.UNAUTHENTICATED');

    const bogus = await t.request('/v1/me', { headers: { cookie: 'beaker_session=not-a-session' } });
    expect(bogus.status).toBe(401);

    const alice = await signIn(t, 'alice@example.com');
    const me = await alice.request('/v1/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ id: alice.userId, email: 'alice@example.com', role: 'user', businesses: [], trialSessionFor: null });
  });

  it("GET /v1/auth/session, the web app's probe, answers 200: user null signed out (no cookie, a bogus one, a revoked one), the user signed in", async () => {
    const anonymous = await t.request('/v1/auth/session');
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ user: null });
    expect(anonymous.headers.getSetCookie()).toEqual([]);

    const bogus = await t.request('/v1/auth/session', { headers: { cookie: 'beaker_session=not-a-session' } });
    expect(bogus.status).toBe(200);
    expect(await bogus.json()).toEqual({ user: null });

    const alice = await signIn(t, 'alice@example.com');
    const signedIn = await alice.request('/v1/auth/session');
    expect(signedIn.status).toBe(200);
    const body = await signedIn.json();
    expect(body).toEqual({ user: { id: alice.userId, email: 'alice@example.com', role: 'user', businesses: [], trialSessionFor: null } });
    // The same user as GET /v1/me answers.
    expect(body.user).toEqual(await (await alice.request('/v1/me')).json());

    expect((await alice.request('/v1/auth/sessions/current', { method: 'DELETE' })).status).toBe(204);
    const signedOut = await alice.request('/v1/auth/session');
    expect(signedOut.status).toBe(200);
    expect(await signedOut.json()).toEqual({ user: null });
  });

  it('lists the businesses the user belongs to, with their role', async () => {
    const bob = await signInAs(t, 'bob@example.com');
    const [b1] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ('Zeta Gym', 'pro', 500) RETURNING id`);
    const [b2] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ('Alpha Dental', 'starter', 100) RETURNING id`);
    await t.db.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $3, 'owner'), ($2, $3, 'member')`, [b1.id, b2.id, bob.userId]);
    const me = await (await bob.request('/v1/me')).json();
    expect(me.businesses).toEqual([
      { id: b2.id, name: 'Alpha Dental', role: 'member' },
      { id: b1.id, name: 'Zeta Gym', role: 'owner' },
    ]);
  });

  it('signs out: DELETE /v1/auth/sessions/current revokes the session and clears both cookies', async () => {
    const carol = await signIn(t, 'carol@example.com');
    const out = await carol.request('/v1/auth/sessions/current', { method: 'DELETE' });
    expect(out.status).toBe(204);
    const cleared = setCookies(out as unknown as Response);
    expect(cleared.beaker_session.value).toBe('');
    expect(cleared.beaker_csrf.value).toBe('');
    expect((await carol.request('/v1/me')).status).toBe(401);
    const [row] = await t.db.query(`SELECT revoked_at FROM sessions WHERE user_id = $1`, [carol.userId]);
    expect(row.revoked_at).not.toBeNull();
  });

  it('a session revoked on the server (e.g. by an admin, SessionsService.revoke) answers 401 at once', async () => {
    const dave = await signIn(t, 'dave@example.com');
    const other = await signIn(t, 'dave@example.com');
    expect((await dave.request('/v1/me')).status).toBe(200);
    const [{ id }] = await t.db.query(`SELECT id FROM sessions WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [dave.sessionToken]);
    await t.app.get(SessionsService).revoke(id);
    const res = await dave.request('/v1/me');
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('AUTH.UNAUTHENTICATED');
    // Only that one: the user's other browser stays signed in.
    expect((await other.request('/v1/me')).status).toBe(200);
  });

  it('a revocation written straight into the database (no invalidation published) is seen within the cache TTL', async () => {
    await waitForAuthCache(t);
    const dave = await signInAs(t, 'dave@example.com');
    expect((await dave.request('/v1/me')).status).toBe(200);
    await t.db.query(`UPDATE sessions SET revoked_at = now() WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [dave.sessionToken]);
    t.clock!.advance(AUTH_CACHE_TTL_MS - 1);
    expect((await dave.request('/v1/me')).status).toBe(200); // from memory: the backstop is the TTL
    t.clock!.advance(1);
    expect((await dave.request('/v1/me')).status).toBe(401);
  });

  it('slides a cached session too: the expiry moves once, and a refresh finds a revoked session gone', async () => {
    await waitForAuthCache(t);
    const judy = await signInAs(t, 'judy@example.com');
    // Just before the hourly refresh is due: loaded into memory, nothing written.
    t.clock!.advance(60 * 60 * 1000 - 2000);
    expect((await judy.request('/v1/me')).headers.getSetCookie()).toEqual([]);
    // Due now, within the TTL (answered from memory): written once, cookies re-issued.
    t.clock!.advance(3000);
    const refreshed = await judy.request('/v1/me');
    expect(refreshed.status).toBe(200);
    expect(setCookies(refreshed as unknown as Response).beaker_session.raw).toMatch(new RegExp(`Max-Age=${30 * 24 * 3600}`));
    const [row] = await t.db.query(`SELECT expires_at FROM sessions`);
    expect(row.expires_at.getTime()).toBe(start.getTime() + 60 * 60 * 1000 + 1000 + 30 * DAY);
    t.clock!.advance(1000);
    expect((await judy.request('/v1/me')).headers.getSetCookie()).toEqual([]);

    // Revoked behind the cache's back, then due for a refresh while still in memory: the write finds it gone.
    t.clock!.advance(60 * 60 * 1000 - 1000);
    expect((await judy.request('/v1/me')).status).toBe(200); // reloaded, not due yet
    await t.db.query(`UPDATE sessions SET revoked_at = now()`);
    t.clock!.advance(2000);
    expect((await judy.request('/v1/me')).status).toBe(401);
  });

  it('slides: a session used after an hour is extended 30 days from then (once), an unused one expires after 30 days', async () => {
    const erin = await signIn(t, 'erin@example.com');
    t.clock!.advance(30 * 60 * 1000);
    const early = await erin.request('/v1/me');
    expect(early.headers.getSetCookie()).toEqual([]); // no write within the hour
    t.clock!.advance(60 * 60 * 1000);
    const later = await erin.request('/v1/me');
    expect(later.status).toBe(200);
    const refreshed = setCookies(later as unknown as Response);
    expect(refreshed.beaker_session.raw).toMatch(new RegExp(`Max-Age=${30 * 24 * 3600}`));
    const [row] = await t.db.query(`SELECT expires_at FROM sessions`);
    expect(row.expires_at.getTime()).toBe(start.getTime() + 90 * 60 * 1000 + 30 * DAY);

    t.clock!.advance(30 * DAY - 1000);
    expect((await erin.request('/v1/me')).status).toBe(200);
    t.clock!.advance(30 * DAY + 1000);
    expect((await erin.request('/v1/me')).status).toBe(401);
  });

  it('never slides past 90 days after sign-in, however often it is used', async () => {
    const gail = await signIn(t, 'gail@example.com');
    for (let day = 20; day <= 80; day += 20) {
      t.clock!.advance(20 * DAY);
      expect([day, (await gail.request('/v1/me')).status]).toEqual([day, 200]);
    }
    // Used at day 80: the expiry is day 90 (sign-in + 90 days), not day 110.
    const [row] = await t.db.query(`SELECT expires_at FROM sessions WHERE user_id = $1`, [gail.userId]);
    expect(row.expires_at.getTime()).toBe(start.getTime() + 90 * DAY);
    t.clock!.advance(9 * DAY);
    const late = await gail.request('/v1/me');
    expect(late.status).toBe(200);
    expect(late.headers.getSetCookie()).toEqual([]); // nothing left to slide: no write
    t.clock!.advance(DAY + 1000);
    expect((await gail.request('/v1/me')).status).toBe(401);
  });

  it('a suspended user’s session answers 403 AUTH.SUSPENDED', async () => {
    const frank = await signInAs(t, 'frank@example.com');
    await t.db.query(`UPDATE users SET suspended_at = now() WHERE id = $1`, [frank.userId]);
    const res = await frank.request('/v1/me');
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('AUTH.SUSPENDED');
  });

  it('retention deletes sessions that ended more than 30 days ago and links expired more than 7 days ago, and nothing else', async () => {
    const kept = await signInAs(t, 'kept@example.com');
    const [{ id: userId }] = await t.db.query(`SELECT id FROM users WHERE email = 'kept@example.com'`);
    await t.db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at, revoked_at) VALUES
         ($1, 'old-expired', $2::timestamptz - interval '31 days', $2, NULL),
         ($1, 'old-revoked', $2::timestamptz + interval '1 day', $2, $2::timestamptz - interval '31 days'),
         ($1, 'recently-revoked', $2::timestamptz + interval '1 day', $2, $2::timestamptz - interval '1 day')`,
      [userId, start],
    );
    await t.db.query(
      `INSERT INTO magic_links (email, token_hash, expires_at) VALUES ('a@example.com', 'old', $1::timestamptz - interval '31 days'), ('a@example.com', 'new', $1)`,
      [start],
    );
    const result = await t.app.get(AuthRetention).prune();
    expect(result).toEqual({ magicLinks: 1, sessions: 2 });
    expect((await t.db.query(`SELECT token_hash FROM magic_links`)).map((r: { token_hash: string }) => r.token_hash)).toEqual(['new']);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM sessions`)).toEqual([{ n: 2 }]);
    expect((await kept.request('/v1/me')).status).toBe(200);
  });

  describe('CSRF (double submit)', () => {
    it('refuses a state-changing request without the header, with a wrong one, or with a cookie that is not this session’s', async () => {
      const gina = await signIn(t, 'gina@example.com');
      const missing = await gina.request('/v1/auth/sessions/current', { method: 'DELETE', csrf: false });
      expect(missing.status).toBe(403);
      expect((await missing.json()).code).toBe('AUTH.CSRF');

      const wrong = await gina.request('/v1/auth/sessions/current', { method: 'DELETE', headers: { 'x-csrf-token': 'f'.repeat(64) } });
      expect(wrong.status).toBe(403);
      expect((await wrong.json()).code).toBe('AUTH.CSRF');

      // Header and cookie agree, but were made up (e.g. planted by a sibling subdomain).
      const forged = client(t, { ...gina, csrfToken: 'a'.repeat(64) });
      const planted = await forged.request('/v1/auth/sessions/current', { method: 'DELETE' });
      expect(planted.status).toBe(403);
      expect((await planted.json()).code).toBe('AUTH.CSRF');

      // None of them signed Gina out.
      expect((await gina.request('/v1/me')).status).toBe(200);
    });

    it('accepts the matching header, and never asks it of reads', async () => {
      const hank = await signIn(t, 'hank@example.com');
      expect((await hank.request('/v1/me', { csrf: false })).status).toBe(200);
      expect((await hank.request('/v1/auth/sessions/current', { method: 'DELETE' })).status).toBe(204);
    });

    it('GET /v1/me gives the CSRF cookie back to a browser that lost it', async () => {
      const ivy = await signIn(t, 'ivy@example.com');
      const res = await t.request('/v1/me', { headers: { cookie: `beaker_session=${ivy.sessionToken}` } });
      expect(setCookies(res as unknown as Response).beaker_csrf.value).toBe(ivy.csrfToken);
      const withBoth = await ivy.request('/v1/me');
      expect(withBoth.headers.getSetCookie()).toEqual([]);
    });
  });
});

describe('auth: cookies over https', () => {
  let https: TestApp;
  beforeAll(async () => {
    // The harness serves plain http; this app is told it is reached over https (behind a proxy).
    https = await startApp({ env: { APP_URL: 'https://app.beaker.test' } });
    await resetState(https);
  });
  afterAll(async () => https.close());

  it('marks both cookies Secure when APP_URL is https', async () => {
    await https.request('/v1/auth/magic-links', { method: 'POST', json: { email: 's@example.com' } });
    const [mail] = (await (await https.request('/v1/sandbox/emails?to=s@example.com')).json()).items;
    expect(mail.text).toContain('https://app.beaker.test/auth/verify?token=');
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)![1];
    const res = await https.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    const cookies = setCookies(res as unknown as Response);
    expect(cookies.beaker_session.raw).toMatch(/;\s*Secure/i);
    expect(cookies.beaker_csrf.raw).toMatch(/;\s*Secure/i);
  });
});
