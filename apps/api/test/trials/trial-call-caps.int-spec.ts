import type { TrialResponse } from '@beaker/contracts';
import { RedisService } from '../../src/common/redis/redis.service';
import { VapiSandbox } from '../../src/integrations/sandbox/vapi/vapi.sandbox';
import { seedCall } from '../compliance/compliance.factory';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { callMe, createVerifiedTrial, freshPhone } from '../factories/trials.factory';
import { ManualClock, resetState, startApp, TestApp } from '../harness';

const START = new Date('2026-03-10T15:00:00Z');
const HOUR = 3600_000;

/**
 * "Call me now" from many prospects at once, against the caps compliance keeps for them: the voice
 * provider's concurrent calls (VAPI_MAX_CONCURRENT_CALLS, default 10 as Vapi's) and the calls per
 * number per 24 h. No job workers here: the sandbox's calls stay open (initiated) until a test ends them.
 */
describe('trials: calls at the caps', () => {
  let t: TestApp;
  let clock: ManualClock;
  let placeCallSpy: jest.SpyInstance;

  beforeAll(async () => {
    t = await startApp({ clockAt: START });
    clock = t.clock!;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    jest.restoreAllMocks();
    clock.set(START);
    await resetState(t);
    placeCallSpy = jest.spyOn(t.app.get(VapiSandbox), 'placeCall');
  });

  /** One verified trial per prospect, through the real flow (10 trial creations an hour per IP: the clock moves on). */
  async function prospects(count: number, phone?: () => string): Promise<{ client: SignedInClient; trial: TrialResponse }[]> {
    const made = [];
    for (let i = 0; i < count; i++) {
      if (i > 0 && i % 10 === 0) clock.advance(2 * HOUR);
      const client = await signInAs(t, `prospect-${i}@example.com`);
      made.push({ client, trial: await createVerifiedTrial(t, client, { phone: phone ? phone() : freshPhone() }) });
    }
    return made;
  }

  it("defers the calls over the provider's 10 concurrent calls: 20 prospects at once → 10 placed, 10 TRIALS.CALL_DEFERRED", async () => {
    expect(t.config.env.VAPI_MAX_CONCURRENT_CALLS).toBe(10);
    const people = await prospects(20);

    const answers = await Promise.all(people.map(({ client, trial }) => callMe(client, trial.id)));
    const bodies = await Promise.all(answers.map((r) => r.json()));
    const placed = bodies.filter((_, i) => answers[i].status === 202);
    const deferred = bodies.filter((_, i) => answers[i].status === 429);
    expect(placed).toHaveLength(10);
    expect(deferred).toHaveLength(10);
    for (const body of deferred) {
      expect(body).toMatchObject({ code: 'TRIALS.CALL_DEFERRED', retryAfterSeconds: 60, reasons: [expect.objectContaining({ rule: 'velocity.provider_concurrency' })] });
    }
    expect(placeCallSpy).toHaveBeenCalledTimes(10);
    const [{ open }] = await t.db.query(`SELECT count(*)::int AS open FROM calls WHERE status IN ('initiated', 'ringing', 'in_progress')`);
    expect(open).toBe(10);
    // A deferred click is not counted against its trial, and leaves no reservation behind.
    const [{ used }] = await t.db.query(`SELECT sum(calls_used)::int AS used FROM trials`);
    expect(used).toBe(10);
    expect(await t.app.get(RedisService).client.zcard('beaker:compliance:provider-calls-in-flight')).toBe(0);

    // One call ends: one slot, taken by the next click; the one after that is deferred again.
    await t.db.query(`UPDATE calls SET status = 'completed', ended_at = now() WHERE id = $1`, [placed[0].id]);
    const waiting = people.filter((_, i) => answers[i].status === 429);
    expect((await callMe(waiting[0].client, waiting[0].trial.id)).status).toBe(202);
    const again = await callMe(waiting[1].client, waiting[1].trial.id);
    expect(again.status).toBe(429);
    expect((await again.json()).code).toBe('TRIALS.CALL_DEFERRED');
  });

  it('keeps the per-number cap when two trials of the same phone press "Call me" at once: one call, one deferral', async () => {
    const phone = freshPhone();
    const [a, b] = await prospects(2, () => phone);
    // Called twice in the last 24 h already (3 a day is the cap): one call left for the number.
    await seedCall(t, { to: phone, createdAt: new Date(START.getTime() - 20 * HOUR), direction: 'outbound_trial' });
    await seedCall(t, { to: phone, createdAt: new Date(START.getTime() - 2 * HOUR), direction: 'outbound_trial' });

    const answers = await Promise.all([a, b].map(({ client, trial }) => callMe(client, trial.id)));
    expect(answers.map((r) => r.status).sort()).toEqual([202, 429]);
    const refused = await answers.find((r) => r.status === 429)!.json();
    expect(refused).toMatchObject({
      code: 'TRIALS.CALL_DEFERRED',
      nextAllowedAt: new Date(START.getTime() + 4 * HOUR).toISOString(),
      reasons: [expect.objectContaining({ rule: 'velocity.per_number_24h' })],
    });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM calls WHERE to_e164 = $1`, [phone]);
    expect(n).toBe(3);
    expect(placeCallSpy).toHaveBeenCalledTimes(1);
  });
});
