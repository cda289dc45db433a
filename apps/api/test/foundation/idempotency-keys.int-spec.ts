import { RedisService } from '../../src/common/redis/redis.service';
import { createBusiness, inbox, signInAs, type SignedInClient } from '../factories/auth.factory';
import { freshPhone } from '../factories/trials.factory';
import { resetState, startApp, type TestApp, type TestResponse } from '../harness';

/**
 * Idempotency-Key on every POST that creates something (besides leads, forms, the business's DNC
 * list and webhook endpoints, tested with their modules): the same key and body answer the first
 * answer again with `Idempotent-Replayed: true` and create nothing more; another body with the key
 * is 422 IDEMPOTENCY.KEY_REUSED; concurrent retries create one thing.
 */
describe('Idempotency-Key on creating POSTs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ clockAt: new Date('2026-03-10T17:00:00Z') });
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM (${sql}) q`, params);
    return row.n;
  }

  interface Case {
    /** Sends the POST with this key and body. */
    post(key: string, body: unknown): Promise<TestResponse>;
    body: unknown;
    otherBody: unknown;
    /** How many of the things the route creates exist. */
    created(): Promise<number>;
    status?: number;
  }

  /** Same key + body → same answer, replayed, nothing more created; another body → 422. Returns the first answer. */
  async function replays(c: Case): Promise<Record<string, unknown>> {
    const status = c.status ?? 201;
    const before = await c.created();
    const first = await c.post('key-1', c.body);
    expect(first.status).toBe(status);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const answer = await first.json();
    expect(await c.created()).toBe(before + 1);

    const again = await c.post('key-1', c.body);
    expect(again.status).toBe(status);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(answer);
    expect(await c.created()).toBe(before + 1);

    const reused = await c.post('key-1', c.otherBody);
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await c.created()).toBe(before + 1);

    const invalid = await c.post('not a valid key: spaces', c.otherBody);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).code).toBe('IDEMPOTENCY.KEY_INVALID');
    return answer;
  }

  /** Three concurrent retries with one key: one thing created, one answer. */
  async function concurrentRetries(c: Case): Promise<void> {
    const before = await c.created();
    const answers = await Promise.all([1, 2, 3].map(() => c.post('key-race', c.body)));
    expect(answers.map((a) => a.status)).toEqual([c.status ?? 201, c.status ?? 201, c.status ?? 201]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(2);
    expect(await c.created()).toBe(before + 1);
  }

  const post = (client: SignedInClient, path: string) => (key: string, json: unknown) => client.request(path, { method: 'POST', headers: { 'idempotency-key': key }, json });

  describe('POST /v1/businesses/:id/api-keys', () => {
    async function setup() {
      const owner = await signInAs(t, 'owner@coolair.example');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      const c: Case = {
        post: post(owner, `/v1/businesses/${businessId}/api-keys`),
        body: { name: 'Zapier' },
        otherBody: { name: 'HubSpot' },
        created: () => count(`SELECT 1 FROM api_keys WHERE business_id = $1`, [businessId]),
      };
      return { owner, businessId, c };
    }

    it('a replay answers the same key, which works; the stored answer holds it encrypted, not in plaintext', async () => {
      const { businessId, c } = await setup();
      const answer = await replays(c);
      expect(answer.key).toMatch(/^bk_test_/);
      const [stored] = await t.db.query(`SELECT response_body::text AS body FROM idempotency_keys WHERE key = 'key-1'`);
      expect(stored.body).not.toContain(answer.key as string);
      expect(stored.body).toContain('sealedKey');
      const viaKey = await t.request(`/v1/businesses/${businessId}/dnc`, { headers: { authorization: `Bearer ${answer.key as string}` } });
      expect(viaKey.status).toBe(200);
    });

    it('concurrent retries create one key', async () => {
      await concurrentRetries((await setup()).c);
    });

    it("another person's same key is theirs (scope user:<id>)", async () => {
      const { owner, businessId, c } = await setup();
      const coOwner = await signInAs(t, 'co-owner@coolair.example');
      await t.db.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $2, 'owner')`, [businessId, coOwner.userId]);
      expect((await c.post('shared', c.body)).status).toBe(201);
      const theirs = await post(coOwner, `/v1/businesses/${businessId}/api-keys`)('shared', c.body);
      expect(theirs.status).toBe(201);
      expect(theirs.headers.get('idempotent-replayed')).toBeNull();
      expect(await c.created()).toBe(2);
      expect(owner.userId).not.toBe(coOwner.userId);
    });
  });

  describe('POST /v1/businesses/:id/members', () => {
    async function setup(email = 'dana@coolair.example') {
      const owner = await signInAs(t, 'owner@coolair.example');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      const c: Case = {
        post: post(owner, `/v1/businesses/${businessId}/members`),
        body: { email },
        otherBody: { email: 'sam@coolair.example' },
        created: () => count(`SELECT 1 FROM business_members WHERE business_id = $1`, [businessId]),
      };
      return { c, email };
    }

    it('a replay answers the same member and sends no second email (not 409 already a member)', async () => {
      const { c, email } = await setup();
      const answer = await replays(c);
      expect(answer).toMatchObject({ email, role: 'member' });
      expect(await inbox(t, email)).toHaveLength(1);
    });

    it('concurrent retries add one member and send one email', async () => {
      const { c, email } = await setup('lee@coolair.example');
      await concurrentRetries(c);
      expect(await inbox(t, email)).toHaveLength(1);
    });
  });

  describe('POST /v1/admin/dnc', () => {
    async function setup() {
      const admin = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
      const c: Case = {
        post: post(admin, '/v1/admin/dnc'),
        body: { phone: '+14155550123', reason: 'Litigator' },
        otherBody: { phone: '+14155550124', reason: 'Litigator' },
        created: () => count(`SELECT 1 FROM dnc_entries WHERE business_id IS NULL`),
      };
      return c;
    }

    it('a replay answers the same entry (not 409), once', async () => {
      expect(await replays(await setup())).toMatchObject({ businessId: null, source: 'admin' });
    });

    it('concurrent retries add one entry', async () => {
      await concurrentRetries(await setup());
    });
  });

  describe('POST /v1/admin/trial-blocks', () => {
    async function setup() {
      const admin = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
      const c: Case = {
        post: post(admin, '/v1/admin/trial-blocks'),
        body: { kind: 'email_domain', value: 'spam.example', reason: 'Abuse' },
        otherBody: { kind: 'email_domain', value: 'other.example', reason: 'Abuse' },
        created: () => count(`SELECT 1 FROM trial_blocks`),
      };
      return c;
    }

    it('a replay answers the same block (not 409), once, audited once', async () => {
      const c = await setup();
      expect(await replays(c)).toMatchObject({ kind: 'email_domain', value: 'spam.example' });
      expect(await count(`SELECT 1 FROM audit_log WHERE action = 'trial_block.add'`)).toBe(1);
    });

    it('concurrent retries add one block', async () => {
      await concurrentRetries(await setup());
    });
  });

  describe('POST /v1/trials', () => {
    async function setup(email: string) {
      const person = await signInAs(t, email);
      const phone = freshPhone();
      const c: Case = {
        post: post(person, '/v1/trials'),
        body: { industry: 'hvac', businessName: 'Northside Heating & Air', scenario: 'lead_intake', phone },
        otherBody: { industry: 'hvac', businessName: 'Another name', scenario: 'lead_intake', phone },
        created: () => count(`SELECT 1 FROM trials WHERE user_id = $1`, [person.userId]),
      };
      return c;
    }

    it('a replay answers the same trial and uses no second one of the 3', async () => {
      expect(await replays(await setup('prospect@farm.test'))).toMatchObject({ status: 'pending', businessName: 'Northside Heating & Air' });
    });

    it('concurrent retries start one trial', async () => {
      await concurrentRetries(await setup('racer@farm.test'));
    });
  });

  describe('POST /v1/billing/checkout-sessions', () => {
    it('a replay answers the same session; another body is 422; concurrent retries answer one session', async () => {
      const person = await signInAs(t, 'buyer@coolair.example');
      const sessions = new Set<string>();
      const c: Case = {
        post: async (key, json) => {
          const res = await post(person, '/v1/billing/checkout-sessions')(key, json);
          if (res.status === 201) sessions.add(((await res.clone().json()) as { id: string }).id);
          return res;
        },
        body: { plan: 'starter' },
        otherBody: { plan: 'pro' },
        created: async () => sessions.size,
      };
      const answer = await replays(c);
      expect(answer.url).toContain(`/sandbox/checkout/${answer.id as string}`);
      // Stripe's own dedupe stays: the same person and plan without a key is the same session.
      expect((await (await person.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter' } })).json()).id).toBe(answer.id);

      const raced: Case = { ...c, body: { plan: 'pro' } };
      await concurrentRetries(raced);
    });
  });

  describe('POST /v1/billing/portal-sessions', () => {
    it('a replay answers the same session; another body is 422; concurrent retries answer one', async () => {
      const owner = await signInAs(t, 'owner@coolair.example');
      const businessId = await createBusiness(t, { ownerId: owner.userId });
      const otherBusinessId = await createBusiness(t, { ownerId: owner.userId, name: 'Gym Co' });
      const redis = t.app.get(RedisService).client;
      for (const [id, customerId] of [
        [businessId, 'cus_sbx_idem1'],
        [otherBusinessId, 'cus_sbx_idem2'],
      ]) {
        await t.db.query(`UPDATE businesses SET stripe_customer_id = $2 WHERE id = $1`, [id, customerId]);
        await redis.set(`sandbox:stripe:customer:${customerId}`, JSON.stringify({ id: customerId, email: 'owner@coolair.example', subscriptionId: null }));
      }
      let calls = 0;
      const c: Case = {
        post: async (key, json) => {
          const res = await post(owner, '/v1/billing/portal-sessions')(key, json);
          if (res.status === 201 && res.headers.get('idempotent-replayed') !== 'true') calls++;
          return res;
        },
        body: { businessId },
        otherBody: { businessId: otherBusinessId },
        created: async () => calls,
      };
      expect((await replays(c)).url).toContain('/sandbox/portal/cus_sbx_idem1');
      await concurrentRetries(c);
    });
  });
});
