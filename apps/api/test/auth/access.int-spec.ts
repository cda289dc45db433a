import { addMember, createBusiness, signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

describe('auth: who may reach what', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
  });
  beforeEach(async () => resetState(t));
  afterAll(async () => t.close());

  it('keeps public routes open without credentials (health, plans, docs)', async () => {
    expect((await t.request('/health/live')).status).toBe(200);
    expect((await t.request('/health/ready')).status).toBe(200);
    expect((await t.request('/v1/plans')).status).toBe(200);
    expect((await t.request('/docs-json')).status).toBe(200);
  });

  it('answers 401 AUTH.UNAUTHENTICATED on a protected route without credentials', async () => {
    for (const path of ['/v1/me', '/v1/admin/users', `/v1/businesses/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`]) {
      const res = await t.request(path);
      expect(res.status).toBe(401);
      expect((await res.json()).code).toBe('AUTH.UNAUTHENTICATED');
    }
  });

  describe('admin routes', () => {
    it('answer 403 AUTH.FORBIDDEN to a normal user and 200 to an admin', async () => {
      const user = await signInAs(t, 'user@example.com');
      const denied = await user.request('/v1/admin/users');
      expect(denied.status).toBe(403);
      expect((await denied.json()).code).toBe('AUTH.FORBIDDEN');

      const admin = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
      const ok = await admin.request('/v1/admin/users?query=EXAMPLE');
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({
        items: [expect.objectContaining({ email: 'user@example.com', role: 'user', suspendedAt: null })],
        nextCursor: null,
      });
    });

    it('page through users with a cursor, newest first, and treat % and _ in the query as text', async () => {
      const admin = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
      for (let i = 0; i < 5; i++) {
        await t.db.query(`INSERT INTO users (email, created_at) VALUES ($1, now() - ($2 || ' minutes')::interval)`, [`p${i}@shop.example`, String(i)]);
      }
      const first = await (await admin.request('/v1/admin/users?query=shop.example&limit=3')).json();
      expect(first.items.map((u: { email: string }) => u.email)).toEqual(['p0@shop.example', 'p1@shop.example', 'p2@shop.example']);
      const second = await (await admin.request(`/v1/admin/users?query=shop.example&limit=3&cursor=${first.nextCursor}`)).json();
      expect(second.items.map((u: { email: string }) => u.email)).toEqual(['p3@shop.example', 'p4@shop.example']);
      expect(second.nextCursor).toBeNull();
      expect((await (await admin.request('/v1/admin/users?query=%25')).json()).items).toEqual([]);
      expect((await (await admin.request('/v1/admin/users?query=p_%40')).json()).items).toEqual([]);
    });
  });

  describe('business routes', () => {
    it('answer 404 NOT_FOUND to a non-member (as for a business that does not exist) and the business to members', async () => {
      const owner = await signInAs(t, 'owner@example.com');
      const stranger = await signInAs(t, 'stranger@example.com');
      const member = await signInAs(t, 'member@example.com');
      const businessId = await createBusiness(t, { name: 'Cool Air HVAC', ownerId: owner.userId });
      await addMember(t, businessId, member.userId, 'member');

      const hidden = await stranger.request(`/v1/businesses/${businessId}`);
      expect(hidden.status).toBe(404);
      const hiddenBody = await hidden.json();
      expect(hiddenBody.code).toBe('NOT_FOUND');
      const missing = await stranger.request('/v1/businesses/6f1c1a2e-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual(hiddenBody);
      expect((await stranger.request('/v1/businesses/not-a-uuid')).status).toBe(404);

      for (const who of [owner, member]) {
        const res = await who.request(`/v1/businesses/${businessId}`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({
          id: businessId,
          name: 'Cool Air HVAC',
          status: 'active',
          plan: 'starter',
          callsIncluded: 100,
          callsUsedThisPeriod: 0,
          currentPeriodEnd: null,
          phoneNumber: null,
        });
      }
    });

    it('owner-only routes answer 403 to members and 404 to strangers', async () => {
      const owner = await signInAs(t, 'owner@example.com');
      const member = await signInAs(t, 'member@example.com');
      const stranger = await signInAs(t, 'stranger@example.com');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      await addMember(t, businessId, member.userId, 'member');

      expect((await owner.request(`/v1/businesses/${businessId}/api-keys`)).status).toBe(200);
      const asMember = await member.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'mine' } });
      expect(asMember.status).toBe(403);
      expect((await asMember.json()).code).toBe('AUTH.FORBIDDEN');
      expect((await stranger.request(`/v1/businesses/${businessId}/api-keys`)).status).toBe(404);
    });
  });

  describe('API keys', () => {
    it('are created by owners, shown once, stored hashed, and act for their business only', async () => {
      const owner = await signInAs(t, 'owner@example.com');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      const otherBusinessId = await createBusiness(t, { name: 'Other', ownerId: owner.userId });

      const created = await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: '  Zapier ' } });
      expect(created.status).toBe(201);
      const key = await created.json();
      expect(key).toEqual({ id: expect.any(String), name: 'Zapier', prefix: expect.stringMatching(/^bk_test_.{4}$/), key: expect.any(String), createdAt: expect.any(String) });
      expect(key.key).toMatch(/^bk_test_[A-Za-z0-9_-]{43}$/);
      expect(key.key.startsWith(key.prefix)).toBe(true);
      const [row] = await t.db.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [key.id]);
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(key.key.slice(8));

      const bearer = { authorization: `Bearer ${key.key}` };
      const own = await t.request(`/v1/businesses/${businessId}`, { headers: bearer });
      expect(own.status).toBe(200);
      expect((await own.json()).id).toBe(businessId);
      // Another business of the same owner is still out of the key's reach.
      expect((await t.request(`/v1/businesses/${otherBusinessId}`, { headers: bearer })).status).toBe(404);
      // Routes not marked for integrators refuse keys.
      const me = await t.request('/v1/me', { headers: bearer });
      expect(me.status).toBe(403);
      expect((await me.json()).code).toBe('AUTH.FORBIDDEN');
      // Keys cannot manage keys, and need no CSRF header (no cookies involved).
      expect((await t.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'x' }, headers: bearer })).status).toBe(403);
    });

    it('list newest first with prefix, name, created and last used; the key itself never again', async () => {
      const owner = await signInAs(t, 'owner@example.com');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      const keys = [];
      for (const name of ['first', 'second', 'third']) {
        keys.push(await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name } })).json());
      }
      await t.request(`/v1/businesses/${businessId}`, { headers: { authorization: `Bearer ${keys[0].key}` } });
      // last_used_at is written in the background: wait for it.
      const deadline = Date.now() + 5000;
      while ((await t.db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [keys[0].id]))[0].last_used_at === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }

      const page1 = await (await owner.request(`/v1/businesses/${businessId}/api-keys?limit=2`)).json();
      expect(page1.items.map((k: { name: string }) => k.name)).toEqual(['third', 'second']);
      expect(page1.items[0]).toEqual({ id: keys[2].id, name: 'third', prefix: keys[2].prefix, createdAt: keys[2].createdAt, lastUsedAt: null, revokedAt: null });
      const page2 = await (await owner.request(`/v1/businesses/${businessId}/api-keys?limit=2&cursor=${page1.nextCursor}`)).json();
      expect(page2.items.map((k: { name: string }) => k.name)).toEqual(['first']);
      expect(page2.items[0].lastUsedAt).toEqual(expect.any(String));
      expect(page2.nextCursor).toBeNull();
      expect(JSON.stringify([page1, page2])).not.toContain(keys[0].key);

      // Keys created within one millisecond: the cursor keeps the microseconds, so none is skipped at a page's edge.
      await t.db.query(`UPDATE api_keys SET created_at = '2026-03-10T15:00:00.123456Z' WHERE id = $1`, [keys[1].id]);
      await t.db.query(`UPDATE api_keys SET created_at = '2026-03-10T15:00:00.123200Z' WHERE id = ANY($1::uuid[])`, [[keys[0].id, keys[2].id]]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await (await owner.request(`/v1/businesses/${businessId}/api-keys?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
        seen.push(...page.items.map((k: { id: string }) => k.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([keys[1].id, ...[keys[0].id, keys[2].id].sort().reverse()]);
    });

    it('a revoked key answers 401 at once; a key of another business cannot be revoked through this one', async () => {
      const owner = await signInAs(t, 'owner@example.com');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      const otherBusinessId = await createBusiness(t, { ownerId: owner.userId });
      const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'ci' } })).json();
      const bearer = { authorization: `Bearer ${key.key}` };
      expect((await t.request(`/v1/businesses/${businessId}`, { headers: bearer })).status).toBe(200);

      expect((await owner.request(`/v1/businesses/${otherBusinessId}/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(404);
      expect((await t.request(`/v1/businesses/${businessId}`, { headers: bearer })).status).toBe(200);

      expect((await owner.request(`/v1/businesses/${businessId}/api-keys/${key.id}`, { method: 'DELETE' })).status).toBe(204);
      const after = await t.request(`/v1/businesses/${businessId}`, { headers: bearer });
      expect(after.status).toBe(401);
      expect((await after.json()).code).toBe('AUTH.UNAUTHENTICATED');
      const listed = await (await owner.request(`/v1/businesses/${businessId}/api-keys`)).json();
      expect(listed.items[0].revokedAt).toEqual(expect.any(String));
    });

    it('a bad bearer is 401 even next to a valid session cookie (no silent fallback)', async () => {
      const owner = await signInAs(t, 'owner@example.com');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      for (const authorization of ['Bearer bk_test_nope', `Bearer bk_test_${'A'.repeat(43)}`, 'Basic Zm9vOmJhcg==']) {
        const res = await owner.request(`/v1/businesses/${businessId}`, { headers: { authorization } });
        expect(res.status).toBe(401);
      }
    });
  });
});

describe('auth: sandbox endpoints in live mode', () => {
  it('do not exist when PROVIDERS=live', async () => {
    const live = await startApp({
      env: {
        PROVIDERS: 'live',
        STRIPE_API_KEY: 'sk_test_x',
        TWILIO_ACCOUNT_SID: 'ACx',
        VAPI_API_KEY: 'vapi_x',
        SMTP_URL: 'smtp://127.0.0.1:1',
        // Live mode refuses the development secrets published in the source.
        STRIPE_WEBHOOK_SECRET: 'whsec_test_access_0123456789abcdef',
        TWILIO_AUTH_TOKEN: 'twilio_test_access_0123456789abcdef',
        VAPI_WEBHOOK_SECRET: 'vapi_test_access_0123456789abcdef',
        SESSION_SECRET: 'test-access-session-secret-0123456789abcdef',
      },
    });
    try {
      const res = await live.request('/v1/sandbox/emails?to=a@example.com');
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('NOT_FOUND');
      const doc = await (await live.request('/docs-json')).json();
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/v1/sandbox'))).toBe(false);
      expect(doc.paths['/v1/auth/magic-links']).toBeDefined();
    } finally {
      await live.close();
    }
  });
});
