import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { AuthCache } from '../../src/modules/auth/auth-cache';
import { client, createBusiness, requestLinkToken, signInAs, SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp, type TestResponse } from '../harness';

async function live(t: TestApp): Promise<void> {
  const cache = t.app.get(AuthCache);
  const deadline = Date.now() + 5000;
  while (!cache.live) {
    if (Date.now() > deadline) throw new Error('the auth cache never subscribed to invalidations');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The other instance once the invalidation has reached it (Redis delivers it within milliseconds;
 * this polls for at most 1 s, well inside the cache's 5 s TTL, which would otherwise be what ended it).
 */
async function soon(request: () => Promise<TestResponse>, status: number): Promise<TestResponse> {
  const deadline = Date.now() + 1000;
  for (;;) {
    const res = await request();
    if (res.status === status || Date.now() > deadline) return res;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('admin: suspending a user', () => {
  // Two instances of the API on one database and Redis, as behind a load balancer.
  let a: TestApp;
  let b: TestApp;
  let staff: SignedInClient;
  let alice: SignedInClient;
  let businessId: string;
  let aliceKey: string;

  beforeAll(async () => {
    a = await startApp();
    b = await startApp();
    await Promise.all([live(a), live(b)]);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });
  beforeEach(async () => {
    await resetState(a);
    staff = await signInAs(a, 'staff@beaker.dev', { role: 'admin' });
    alice = await signInAs(a, 'alice@example.com');
    businessId = await createBusiness(a, { ownerId: alice.userId });
    aliceKey = (await a.app.get(ApiKeysService).create(businessId, 'alice’s integration', alice.userId)).key;
  });

  const withKey = (t: TestApp, key: string) => t.request(`/v1/businesses/${businessId}`, { headers: { authorization: `Bearer ${key}` } });
  const suspend = (reason = 'Trial farming with throwaway numbers') => staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'POST', json: { reason } });
  const auditLines = () => a.db.query(`SELECT * FROM audit_log ORDER BY at, id`);

  it('stops the user’s sessions and API keys at once on every instance, and says why at sign-in', async () => {
    // Cached on both instances first.
    const aliceOnB = client(b, alice);
    for (const res of [await alice.request('/v1/me'), await aliceOnB.request('/v1/me'), await withKey(a, aliceKey), await withKey(b, aliceKey)]) expect(res.status).toBe(200);

    const res = await suspend();
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ userId: alice.userId, email: 'alice@example.com', suspensionReason: 'Trial farming with throwaway numbers', sessionsRevoked: 1 });

    // This instance: at once.
    expect((await alice.request('/v1/me')).status).toBe(401);
    const keyHere = await withKey(a, aliceKey);
    expect(keyHere.status).toBe(401);
    expect((await keyHere.json()).detail).toMatch(/suspended/);
    // The other instance: keys are read on every request; the session once the invalidation arrived.
    expect((await withKey(b, aliceKey)).status).toBe(401);
    expect((await soon(() => aliceOnB.request('/v1/me'), 401)).status).toBe(401);

    // Signing in again (on either instance) says why.
    const token = await requestLinkToken(b, 'alice@example.com');
    const signIn = await b.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect(signIn.status).toBe(403);
    const problem = await signIn.json();
    expect(problem).toMatchObject({ code: 'AUTH.SUSPENDED', reason: 'Trial farming with throwaway numbers' });
    expect(problem.detail).toContain('Trial farming with throwaway numbers');

    // Staff see it in the users list.
    const found = await (await staff.request('/v1/admin/users?query=alice')).json();
    expect(found.items[0]).toMatchObject({ id: alice.userId, suspensionReason: 'Trial farming with throwaway numbers' });
  });

  it('records exactly one audit line, in the same transaction, with actor, target, reason, before/after and the request id', async () => {
    const res = await suspend();
    expect(res.status).toBe(201);
    const lines = await auditLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      actor_kind: 'admin',
      actor_id: staff.userId,
      action: 'user.suspend',
      target_type: 'user',
      target_id: alice.userId,
      reason: 'Trial farming with throwaway numbers',
      before: { suspendedAt: null },
      after: { suspensionReason: 'Trial farming with throwaway numbers' },
      request_id: res.headers.get('x-request-id'),
    });
    const [user] = await a.db.query(`SELECT suspended_at FROM users WHERE id = $1`, [alice.userId]);
    expect(lines[0].after.suspendedAt).toBe(user.suspended_at.toISOString());

    const listed = await (await staff.request(`/v1/admin/audit-events?action=user.suspend&targetId=${alice.userId}`)).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ action: 'user.suspend', actorId: staff.userId, targetId: alice.userId, requestId: res.headers.get('x-request-id') });
  });

  it('lifts a suspension: the user may sign in again, their old sessions stay signed out; audited once', async () => {
    expect((await suspend()).status).toBe(201);
    const lift = await staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'DELETE', json: { reason: 'Verified the business by phone' } });
    expect(lift.status).toBe(200);
    expect(await lift.json()).toMatchObject({ userId: alice.userId, suspendedAt: null, suspensionReason: null });

    expect((await alice.request('/v1/me')).status).toBe(401);
    expect((await withKey(b, aliceKey)).status).toBe(200);
    const token = await requestLinkToken(a, 'alice@example.com');
    expect((await a.request('/v1/auth/sessions', { method: 'POST', json: { token } })).status).toBe(201);

    const lines = await auditLines();
    expect(lines.map((l: { action: string }) => l.action)).toEqual(['user.suspend', 'user.unsuspend']);
    expect(lines[1]).toMatchObject({ reason: 'Verified the business by phone', before: { suspensionReason: 'Trial farming with throwaway numbers' }, after: { suspendedAt: null } });
  });

  it('a refused suspension or lift changes nothing and writes no audit line', async () => {
    const refusals: [Promise<TestResponse>, number, string][] = [
      [staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'DELETE', json: { reason: 'not suspended' } }), 409, 'AUTH.NOT_SUSPENDED'],
      [staff.request(`/v1/admin/users/00000000-0000-4000-8000-000000000000/suspension`, { method: 'POST', json: { reason: 'x' } }), 404, 'AUTH.USER_NOT_FOUND'],
      [staff.request(`/v1/admin/users/not-a-uuid/suspension`, { method: 'POST', json: { reason: 'x' } }), 404, 'AUTH.USER_NOT_FOUND'],
      [staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'POST', json: {} }), 400, 'VALIDATION.FAILED'],
      [staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'POST', json: { reason: '   ' } }), 400, 'VALIDATION.FAILED'],
      [staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'POST', json: { reason: 'x'.repeat(501) } }), 400, 'VALIDATION.FAILED'],
      [staff.request(`/v1/admin/users/${staff.userId}/suspension`, { method: 'POST', json: { reason: 'oops' } }), 409, 'AUTH.CANNOT_SUSPEND_SELF'],
      [staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'POST', json: { reason: 'x' }, csrf: false }), 403, 'AUTH.CSRF'],
    ];
    for (const [pending, status, code] of refusals) {
      const res = await pending;
      expect({ status: res.status, code: (await res.json()).code }).toEqual({ status, code });
    }
    expect(await auditLines()).toEqual([]);
    expect((await alice.request('/v1/me')).status).toBe(200);

    expect((await suspend()).status).toBe(201);
    const again = await suspend('twice');
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('AUTH.ALREADY_SUSPENDED');
    expect(await auditLines()).toHaveLength(1);
  });
});
