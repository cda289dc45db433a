import { ManualClock, resetState, startApp, TestApp } from '../harness';
import { signInAs } from '../factories/auth.factory';
import { createTrial, createTrialRequest, createVerifiedTrial, freshPhone } from '../factories/trials.factory';

const START = new Date('2026-03-10T15:00:00Z');

interface AbuseRow {
  kind: string;
  user_id: string | null;
  ip: string | null;
  phone_e164: string | null;
  details: Record<string, unknown>;
}

/** Abuse prevention on trial creation: each refusal has its code and lands in abuse_events. */
describe('trials: abuse prevention', () => {
  let t: TestApp;
  let clock: ManualClock;
  const abuseEvents = (): Promise<AbuseRow[]> => t.db.query(`SELECT kind, user_id, ip, phone_e164, details FROM abuse_events ORDER BY at, id`);

  beforeAll(async () => {
    t = await startApp({ clockAt: START });
    clock = t.clock!;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    clock.set(START);
    await resetState(t);
  });

  it('gives one person at most 3 trials (TRIALS.USER_LIMIT)', async () => {
    const owner = await signInAs(t, 'collector@example.com');
    for (let i = 0; i < 3; i++) await createTrial(owner);
    const fourth = await createTrialRequest(owner);
    expect(fourth.status).toBe(409);
    expect(await fourth.json()).toMatchObject({ code: 'TRIALS.USER_LIMIT', limit: 3 });
    expect(await abuseEvents()).toEqual([expect.objectContaining({ kind: 'user_trial_limit', user_id: owner.userId, ip: '127.0.0.1' })]);
    // Time does not give them back.
    clock.advance(60 * 86_400_000);
    const later = await signInAs(t, 'collector@example.com');
    expect((await createTrialRequest(later)).status).toBe(409);
  });

  it('lets one phone number serve 2 trials in 30 days across people (TRIALS.PHONE_LIMIT)', async () => {
    const phone = freshPhone();
    const [a, b, c] = await Promise.all(['a@farm.test', 'b@farm.test', 'c@farm.test'].map((e) => signInAs(t, e)));
    await createTrial(a, { phone });
    // The same number, typed another way, is the same number.
    await createTrial(b, { phone: `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}` });
    const third = await createTrialRequest(c, { phone });
    expect(third.status).toBe(409);
    expect((await third.json()).code).toBe('TRIALS.PHONE_LIMIT');
    expect(await abuseEvents()).toEqual([expect.objectContaining({ kind: 'phone_trial_limit', user_id: c.userId, phone_e164: phone })]);

    clock.advance(30 * 86_400_000 + 1000);
    const cLater = await signInAs(t, 'c@farm.test');
    expect((await createTrialRequest(cLater, { phone })).status).toBe(201);
  });

  it("does not let trials that ended unverified block a stranger's number: they count while they could still be verified, verified ones for 30 days", async () => {
    const phone = freshPhone();
    const [a, b, c, d, e] = await Promise.all(['a@typo.test', 'b@typo.test', 'c@typo.test', 'd@typo.test', 'e@typo.test'].map((x) => signInAs(t, x)));
    // Two people type the same number (someone else's) and never verify it.
    await createTrial(a, { phone });
    await createTrial(b, { phone });
    expect((await (await createTrialRequest(c, { phone })).json()).code).toBe('TRIALS.PHONE_LIMIT');
    // Once those trials have ended (48 h), unverified, the number is free again: its owner can try Beaker.
    clock.advance(48 * 3600_000 + 1000);
    await createVerifiedTrial(t, c, { phone });
    // A verified trial counts for the whole 30 days, an open one while it is open.
    clock.advance(48 * 3600_000 + 1000);
    await createTrial(d, { phone });
    const refused = await createTrialRequest(e, { phone });
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe('TRIALS.PHONE_LIMIT');
  });

  it('never lets concurrent requests exceed the phone limit', async () => {
    const phone = freshPhone();
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => signInAs(t, `racer${i}@farm.test`)));
    const answers = await Promise.all(people.map((p) => createTrialRequest(p, { phone })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM trials WHERE phone_e164 = $1`, [phone]);
    expect(count).toBe(2);
  });

  it('refuses throwaway email domains (TRIALS.DISPOSABLE_EMAIL)', async () => {
    const owner = await signInAs(t, 'someone@mailinator.com');
    const res = await createTrialRequest(owner);
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('TRIALS.DISPOSABLE_EMAIL');
    expect(await abuseEvents()).toEqual([expect.objectContaining({ kind: 'disposable_email', user_id: owner.userId, details: { domain: 'mailinator.com' } })]);
    expect(await t.db.query(`SELECT id FROM trials`)).toEqual([]);

    // The admin abuse view reads them; nobody else may.
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const page = await (await admin.request('/v1/admin/abuse-events?kind=disposable_email')).json();
    expect(page).toEqual({
      items: [{ id: expect.any(String), kind: 'disposable_email', userId: owner.userId, ip: '127.0.0.1', phone: expect.stringMatching(/^\+1/), details: { domain: 'mailinator.com' }, at: START.toISOString() }],
      nextCursor: null,
    });
    expect((await (await admin.request('/v1/admin/abuse-events?kind=ip_rate_limit')).json()).items).toEqual([]);
    expect((await owner.request('/v1/admin/abuse-events')).status).toBe(403);
  });

  it('limits trial creation per IP to 10 an hour (RATE_LIMITED with Retry-After)', async () => {
    const people = await Promise.all(Array.from({ length: 4 }, (_, i) => signInAs(t, `office${i}@example.com`)));
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await createTrialRequest(people[i % 4])).status);
    expect(statuses).toEqual([...Array(10).fill(201), 429]);
    const refused = await createTrialRequest(people[3]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await refused.json()).code).toBe('RATE_LIMITED');
    expect((await abuseEvents()).map((e) => e.kind)).toEqual(['ip_rate_limit', 'ip_rate_limit']);

    clock.advance(2 * 3600_000);
    expect((await createTrialRequest(people[3])).status).toBe(201);
  });
});
