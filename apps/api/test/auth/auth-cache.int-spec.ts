import { hashSecret } from '../../src/common/crypto';
import { AuthCache } from '../../src/modules/auth/auth-cache';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { addMember, client, createBusiness, requestLinkToken, signInAs, SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp, type TestResponse } from '../harness';
import { TcpProxy } from '../support/tcp-proxy';

/** Until this instance is subscribed to invalidations (and so answers from memory). */
async function live(t: TestApp): Promise<AuthCache> {
  const cache = t.app.get(AuthCache);
  const deadline = Date.now() + 5000;
  while (!cache.live) {
    if (Date.now() > deadline) throw new Error('the auth cache never subscribed to invalidations');
    await new Promise((r) => setTimeout(r, 20));
  }
  return cache;
}

/**
 * What another instance answers once the invalidation has reached it: Redis delivers it within
 * milliseconds, so this polls for at most 1 s (well inside the 5 s TTL, which would otherwise be
 * what ended the cached answer).
 */
async function soon(request: () => Promise<TestResponse>, status: number): Promise<TestResponse> {
  const deadline = Date.now() + 1000;
  for (;;) {
    const res = await request();
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The same browser (cookies) talking to another instance behind the load balancer. */
const on = (t: TestApp, who: SignedInClient): SignedInClient => client(t, who);

const isCached = (t: TestApp, who: SignedInClient) => t.app.get(AuthCache).cachedSession(hashSecret(who.sessionToken)) !== undefined;

describe('auth: the per-process session and membership cache', () => {
  // Two instances of the API on one database and one Redis, as behind a load balancer.
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = { ADMIN_EMAILS: 'boss@example.com' };
    a = await startApp({ env });
    b = await startApp({ env });
    await Promise.all([live(a), live(b)]);
  });
  beforeEach(async () => resetState(a));
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('a signed-out session is refused on the very next request, on every instance that had it cached', async () => {
    const alice = await signInAs(a, 'alice@example.com');
    expect((await alice.request('/v1/me')).status).toBe(200);
    expect((await on(b, alice).request('/v1/me')).status).toBe(200);
    expect(isCached(a, alice)).toBe(true);
    expect(isCached(b, alice)).toBe(true);

    expect((await alice.request('/v1/auth/sessions/current', { method: 'DELETE' })).status).toBe(204);

    const here = await alice.request('/v1/me');
    expect(here.status).toBe(401);
    expect((await here.json()).code).toBe('AUTH.UNAUTHENTICATED');
    // The other instance, once the invalidation has arrived.
    expect((await soon(() => on(b, alice).request('/v1/me'), 401)).status).toBe(401);
  });

  it('"sign out everywhere" run by another instance refuses every session of the user at once, and only theirs', async () => {
    const laptop = await signInAs(a, 'bob@example.com');
    const phone = await signInAs(a, 'bob@example.com');
    const carol = await signInAs(a, 'carol@example.com');
    for (const who of [laptop, phone, carol]) expect((await who.request('/v1/me')).status).toBe(200);
    expect([laptop, phone, carol].every((who) => isCached(a, who))).toBe(true);

    expect(await b.app.get(SessionsService).revokeAllForUser(laptop.userId)).toBe(2);

    expect((await soon(() => laptop.request('/v1/me'), 401)).status).toBe(401);
    expect((await soon(() => phone.request('/v1/me'), 401)).status).toBe(401);
    expect((await carol.request('/v1/me')).status).toBe(200);
  });

  it('a session revoked by another instance (one session) is refused at once, the other browser stays in', async () => {
    const laptop = await signInAs(a, 'dana@example.com');
    const phone = await signInAs(a, 'dana@example.com');
    for (const who of [laptop, phone]) expect((await who.request('/v1/me')).status).toBe(200);
    const [{ id }] = await a.db.query(`SELECT id FROM sessions WHERE token_hash = $1`, [hashSecret(laptop.sessionToken)]);

    await b.app.get(SessionsService).revoke(id);

    expect((await soon(() => laptop.request('/v1/me'), 401)).status).toBe(401);
    expect((await phone.request('/v1/me')).status).toBe(200);
  });

  it('a removed member gets 404 on their next request on every instance, though their role was cached', async () => {
    const owner = await signInAs(a, 'owner@example.com');
    const member = await signInAs(a, 'member@example.com');
    const businessId = await createBusiness(a, { ownerId: owner.userId });
    await addMember(a, businessId, member.userId, 'member');
    for (const t of [a, b]) {
      expect((await on(t, member).request(`/v1/businesses/${businessId}`)).status).toBe(200);
      expect(t.app.get(AuthCache).cachedRole(businessId, member.userId)).toBe('member');
    }

    // The owner removes them through the other instance.
    expect((await on(b, owner).request(`/v1/businesses/${businessId}/members/${member.userId}`, { method: 'DELETE' })).status).toBe(204);

    for (const t of [b, a]) {
      const res = await soon(() => on(t, member).request(`/v1/businesses/${businessId}`), 404);
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('NOT_FOUND');
    }
    // The owner is unaffected.
    expect((await owner.request(`/v1/businesses/${businessId}`)).status).toBe(200);
  });

  it('a role granted at sign-in (ADMIN_EMAILS) reaches the user’s other, cached sessions at once', async () => {
    const before = await signInAs(a, 'boss@example.com'); // role 'user' in the database for now
    expect((await before.request('/v1/admin/users')).status).toBe(403);
    expect(isCached(a, before)).toBe(true);

    // Signing in (the real flow) on the other instance applies ADMIN_EMAILS.
    const token = await requestLinkToken(b, 'boss@example.com');
    expect((await b.request('/v1/auth/sessions', { method: 'POST', json: { token } })).status).toBe(201);

    expect((await soon(() => before.request('/v1/admin/users'), 200)).status).toBe(200);
    expect((await (await before.request('/v1/me')).json()).role).toBe('admin');
  });

  it('does not mix people up: each cookie is its own user, each membership its own pair', async () => {
    const people = await Promise.all(['p0', 'p1', 'p2', 'p3'].map((name) => signInAs(a, `${name}@example.com`)));
    const businessId = await createBusiness(a, { ownerId: people[0].userId });
    await addMember(a, businessId, people[1].userId, 'member');
    // Concurrent, interleaved, repeated: cached and single-flight answers included.
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => people[i % people.length]).map(async (who) => {
        const [me, business] = await Promise.all([who.request('/v1/me'), who.request(`/v1/businesses/${businessId}`)]);
        return { who, id: (await me.json()).id, businessStatus: business.status };
      }),
    );
    for (const { who, id, businessStatus } of answers) {
      expect(id).toBe(who.userId);
      expect(businessStatus).toBe(who === people[0] || who === people[1] ? 200 : 404);
    }
    const cache = a.app.get(AuthCache);
    expect(cache.cachedRole(businessId, people[0].userId)).toBe('owner');
    expect(cache.cachedRole(businessId, people[1].userId)).toBe('member');
    expect(cache.cachedRole(businessId, people[2].userId)).toBeUndefined();
  });

  it('keeps no trace of unknown cookies or non-members: made-up tokens cannot grow memory', async () => {
    const cache = a.app.get(AuthCache);
    const stranger = await signInAs(a, 'stranger@example.com');
    const businessId = await createBusiness(a, {});
    expect((await stranger.request(`/v1/businesses/${businessId}`)).status).toBe(404);
    const before = cache.size;
    for (let i = 0; i < 50; i++) {
      const res = await a.request('/v1/me', { headers: { cookie: `beaker_session=made-up-${i}` } });
      expect(res.status).toBe(401);
    }
    expect(cache.size.sessions).toBe(before.sessions);
    expect(cache.size.memberships).toBe(before.memberships);
    expect(cache.cachedRole(businessId, stranger.userId)).toBeUndefined();
  });
});

describe('auth cache: while invalidations cannot arrive (Redis unreachable), nothing is answered from memory', () => {
  const target = new URL(process.env.REDIS_URL!);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    const port = await proxy.start();
    const viaProxy = new URL(target.toString());
    viaProxy.port = String(port);
    t = await startApp({ env: { REDIS_URL: viaProxy.toString() } });
    other = await startApp();
    await Promise.all([live(t), live(other)]);
  });
  afterAll(async () => {
    await proxy.stop();
    await t?.close();
    await other?.close();
  });

  it('bypasses the cache during the outage, and starts empty once subscribed again', async () => {
    await resetState(other);
    const erin = await signInAs(t, 'erin@example.com');
    expect((await erin.request('/v1/me')).status).toBe(200);
    expect(isCached(t, erin)).toBe(true);

    await proxy.stop();
    const deadline = Date.now() + 5000;
    while (t.app.get(AuthCache).live && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(t.app.get(AuthCache).live).toBe(false);
    expect(isCached(t, erin)).toBe(false);

    // Signed out through an instance whose message cannot reach this one.
    const [{ id }] = await t.db.query(`SELECT id FROM sessions WHERE token_hash = $1`, [hashSecret(erin.sessionToken)]);
    await other.app.get(SessionsService).revoke(id);
    expect((await erin.request('/v1/me')).status).toBe(401);

    const fresh = await signInAs(t, 'erin@example.com');
    expect((await fresh.request('/v1/me')).status).toBe(200);
    expect(isCached(t, fresh)).toBe(false); // read from the database, not kept

    await proxy.start();
    await live(t);
    expect((await fresh.request('/v1/me')).status).toBe(200);
    expect(isCached(t, fresh)).toBe(true);
  });
});
