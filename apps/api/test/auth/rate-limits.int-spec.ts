import { createBusiness, signInAs } from '../factories/auth.factory';
import { createTrial, createTrialRequest } from '../factories/trials.factory';
import { seedTrial } from '../billing/billing.factory';
import { resetState, startApp, TestApp } from '../harness';
import { RedisService } from '../../src/common/redis/redis.service';
import { TcpProxy } from '../support/tcp-proxy';

const magicLink = (t: TestApp, email: string) => t.request('/v1/auth/magic-links', { method: 'POST', json: { email } });

describe('auth: rate limits (Redis, shared by every instance)', () => {
  const start = new Date('2026-03-02T15:00:00Z');
  let t: TestApp;
  let other: TestApp;

  beforeAll(async () => {
    t = await startApp({ clockAt: start });
    // A second instance on the same Redis: the limits are shared, not per process.
    other = await startApp({ clockAt: start });
  });
  beforeEach(async () => {
    await resetState(t);
    t.clock!.set(start);
    other.clock!.set(start);
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('allows 5 magic links an hour per address (across instances), then 429 RATE_LIMITED with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await magicLink(i % 2 ? other : t, 'Busy@Example.com')).status).toBe(202);
    const res = await magicLink(other, ' busy@example.com');
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2 * 3600);
    const body = await res.json();
    expect(body).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: retryAfter });
    // Another address from the same IP is not affected.
    expect((await magicLink(t, 'calm@example.com')).status).toBe(202);

    // Waiting as told is enough (and a moment less is not).
    t.clock!.advance((retryAfter - 2) * 1000);
    expect((await magicLink(t, 'busy@example.com')).status).toBe(429);
    t.clock!.advance(2000);
    expect((await magicLink(t, 'busy@example.com')).status).toBe(202);
  });

  it('answers an unknown address the same way when limited (no account existence leak)', async () => {
    await t.db.query(`INSERT INTO users (email) VALUES ('known@example.com')`);
    for (let i = 0; i < 5; i++) {
      await magicLink(t, 'known@example.com');
      await magicLink(t, 'unknown@example.com');
    }
    const [known, unknown] = [await magicLink(t, 'known@example.com'), await magicLink(t, 'unknown@example.com')];
    expect([known.status, unknown.status]).toEqual([429, 429]);
    expect(known.headers.get('retry-after')).toBe(unknown.headers.get('retry-after'));
  });

  it('allows 20 magic links an hour per IP, whatever the addresses', async () => {
    for (let i = 0; i < 20; i++) expect((await magicLink(t, `person${i}@example.com`)).status).toBe(202);
    const res = await magicLink(t, 'one-more@example.com');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits session exchanges per IP (30 per 10 minutes): guessing tokens stops early', async () => {
    for (let i = 0; i < 30; i++) {
      const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: `guess-${i}` } });
      expect(res.status).toBe(401);
    }
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: 'guess-31' } });
    expect(res.status).toBe(429);
    expect((await res.json()).code).toBe('RATE_LIMITED');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(1200);
  });

  it('limits requests per API key (600 a minute), per key', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    const create = async () => (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'k' } })).json();
    const [busy, quiet] = [await create(), await create()];
    const get = (key: string) => t.request(`/v1/businesses/${businessId}`, { headers: { authorization: `Bearer ${key}` } });

    for (let batch = 0; batch < 12; batch++) {
      const statuses = await Promise.all(Array.from({ length: 50 }, () => get(busy.key).then((r) => r.status)));
      expect(statuses.every((s) => s === 200)).toBe(true);
    }
    const over = await get(busy.key);
    expect(over.status).toBe(429);
    expect((await over.json()).code).toBe('RATE_LIMITED');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(over.headers.get('retry-after'))).toBeLessThanOrEqual(120);
    expect((await get(quiet.key)).status).toBe(200);

    t.clock!.advance(2 * 60 * 1000);
    expect((await get(busy.key)).status).toBe(200);
  });
});

describe('auth: per-IP limits behind a proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { TRUST_PROXY: '1' } });
  });
  beforeEach(async () => resetState(t));
  afterAll(async () => t.close());

  /** What the load balancer sends: the client's X-Forwarded-For, if any, with the address it saw appended. */
  const viaProxy = (email: string, seen: string, clientSent?: string) =>
    t.request('/v1/auth/magic-links', { method: 'POST', json: { email }, headers: { 'x-forwarded-for': clientSent ? `${clientSent}, ${seen}` : seen } });

  it('counts the address the proxy saw, whatever X-Forwarded-For the client sent itself', async () => {
    for (let i = 0; i < 20; i++) expect((await viaProxy(`person${i}@example.com`, '198.51.100.7', `10.0.${i}.1`)).status).toBe(202);
    const res = await viaProxy('one-more@example.com', '198.51.100.7', '10.9.9.9');
    expect(res.status).toBe(429);
    expect((await res.json()).code).toBe('RATE_LIMITED');
    expect((await viaProxy('someone-else@example.com', '198.51.100.8')).status).toBe(202);
    // The IP kept with the link is the one the proxy saw, not the client's claim.
    const [{ requested_ip }] = await t.db.query(`SELECT requested_ip FROM magic_links WHERE email = 'person3@example.com'`);
    expect(requested_ip).toBe('198.51.100.7');
  });

  it('counts an IPv6 client by its /64: rotating addresses inside it does not get more links', async () => {
    for (let i = 0; i < 20; i++) expect((await viaProxy(`v6-${i}@example.com`, `2001:db8:5:6::${(i + 1).toString(16)}`)).status).toBe(202);
    const res = await viaProxy('v6-more@example.com', '2001:db8:5:6:ffff:1:2:3');
    expect(res.status).toBe(429);
    expect((await viaProxy('v6-neighbour@example.com', '2001:db8:5:7::1')).status).toBe(202);
  });
});

describe('auth: rate limits when Redis is down', () => {
  const target = new URL(process.env.REDIS_URL!);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));
  let t: TestApp;

  beforeAll(async () => {
    const port = await proxy.start();
    const viaProxy = new URL(target.toString());
    viaProxy.port = String(port);
    t = await startApp({ env: { REDIS_URL: viaProxy.toString() } });
    await resetState(t);
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
  });

  it('fail open: an API key still works (the limiter must not lock integrators out)', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'k' } })).json();
    await proxy.stop();
    const res = await t.request(`/v1/businesses/${businessId}`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(res.status).toBe(200);
    await proxy.start();
  });

  it('fail closed on what costs money: no link mailed, no trial started, no code texted, no invitation, no test call, 503 RATE_LIMITS.UNAVAILABLE with Retry-After', async () => {
    // Redis is back from the previous test (the client reconnects by itself, within moments).
    const redis = t.app.get(RedisService).client;
    for (let i = 0; i < 50 && redis.status !== 'ready'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    const prospect = await signInAs(t, 'prospect@example.com');
    const trial = await createTrial(prospect);
    const owner = await signInAs(t, 'owner@example.com');
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    // Live, with a number and the owner's verified trial phone: all a test call needs but its limit.
    const ownTrial = await seedTrial(t, owner.userId, { phone: '+13035550123' });
    await t.db.query(`UPDATE businesses SET status = 'active', vapi_assistant_id = 'asst_rl', trial_id = $2 WHERE id = $1`, [businessId, ownTrial]);
    await t.db.query(`INSERT INTO phone_numbers (business_id, e164, twilio_sid, vapi_phone_number_id, status) VALUES ($1, '+13035550100', 'PN_rl', 'pn_rl', 'active')`, [businessId]);
    await proxy.stop();
    try {
      const refusals = [
        await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'x@example.com' } }),
        await createTrialRequest(prospect),
        await prospect.request(`/v1/trials/${trial.id}/verification`, { method: 'POST' }),
        await owner.request(`/v1/businesses/${businessId}/members`, { method: 'POST', json: { email: 'teammate@example.com' } }),
        await owner.request(`/v1/businesses/${businessId}/test-calls`, { method: 'POST' }),
      ];
      for (const res of refusals) {
        expect([res.url, res.status, (await res.json()).code]).toEqual([res.url, 503, 'RATE_LIMITS.UNAVAILABLE']);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      const [counts] = await t.db.query(
        `SELECT (SELECT count(*) FROM magic_links WHERE email = 'x@example.com')::int AS links,
                (SELECT count(*) FROM trials WHERE user_id = $1)::int AS trials,
                (SELECT count(*) FROM phone_verifications WHERE trial_id = $2)::int AS codes,
                (SELECT count(*) FROM business_members WHERE business_id = $3)::int AS members,
                (SELECT count(*) FROM calls WHERE business_id = $3)::int AS calls`,
        [prospect.userId, trial.id, businessId],
      );
      expect(counts).toEqual({ links: 0, trials: 1, codes: 0, members: 1, calls: 0 });
    } finally {
      await proxy.start();
    }
  });
});
