import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RedisService } from '../../src/common/redis/redis.service';
import { CallsService } from '../../src/modules/calls/calls.service';
import { CallCheck, CallCheckRequest } from '../../src/modules/compliance/compliance.service';
import { createBusiness } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { compliance, decisionRow, grantConsent, seedCall } from './compliance.factory';

// Tuesday 10 March 2026, 17:00 UTC: 10:00 in San Francisco, 13:00 in New York (inside every window).
const NOW = new Date('2026-03-10T17:00:00Z');
const PROVIDER_CAP = 5;
const IN_FLIGHT_KEY = 'beaker:compliance:provider-calls-in-flight';

/** Fictional numbers (NPA-555-01XX) that libphonenumber accepts, one per index. */
const numberAt = (i: number) => `+1${i % 2 ? '212' : '415'}55501${String(i).padStart(2, '0')}`;

/** Lets every participant reach a point before any goes on (here: all checks made, none committed). */
function barrier(parties: number): { arrive: () => void; passed: Promise<void> } {
  let arrived = 0;
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return {
    arrive: () => {
      if (++arrived === parties) open();
    },
    passed,
  };
}

/**
 * The caps that concurrent checks could both slip under: per number (24 h) and the voice
 * provider's concurrency. Checks run inside their callers' transactions, as trial and lead calls do.
 */
describe('compliance: caps under concurrent checks', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOW, env: { VAPI_MAX_CONCURRENT_CALLS: String(PROVIDER_CAP) } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOW);
    await resetState(t);
  });

  const inFlight = () => t.app.get(RedisService).client.zcard(IN_FLIGHT_KEY);

  /** A check in the caller's transaction, which then runs `beforeCommit` and commits. */
  const checkInTransaction = (request: CallCheckRequest, beforeCommit: (m: EntityManager, check: CallCheck) => Promise<void>): Promise<CallCheck> =>
    t.db.transaction(async (m) => {
      const check = await compliance(t).checkBeforeCall({ ...request }, m);
      await beforeCommit(m, check);
      return check;
    });

  it('keeps the per-number 24 h cap for calls without a business: 8 concurrent trial checks to one number, 3 allowed', async () => {
    const to = numberAt(1);
    const checks = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        // Each holds its transaction a moment after checking: a check that did not wait for the
        // one before it (the per-number lock) would count too few calls.
        checkInTransaction({ to, purpose: 'trial_demo', trialId: randomUUID(), subject: `trial-${i}` }, async (m) => {
          await m.query('SELECT pg_sleep(0.02)');
        }),
      ),
    );
    expect(checks.filter((c) => c.decision === 'allow')).toHaveLength(3);
    const deferred = checks.filter((c) => c.decision === 'defer');
    expect(deferred).toHaveLength(5);
    for (const c of deferred) expect(c.reasons.map((r) => r.rule)).toEqual(['velocity.per_number_24h']);
    expect(await inFlight()).toBe(0);
  });

  it('two concurrent calls to the same number with 2 calls in the last 24 h: one allowed, the other deferred', async () => {
    const to = numberAt(2);
    await seedCall(t, { to, createdAt: new Date(NOW.getTime() - 5 * 3600_000), direction: 'outbound_trial' });
    await seedCall(t, { to, createdAt: new Date(NOW.getTime() - 3600_000), direction: 'outbound_trial' });
    const [a, b] = await Promise.all(
      [0, 1].map(() => checkInTransaction({ to, purpose: 'trial_demo', trialId: randomUUID() }, (m) => m.query('SELECT pg_sleep(0.05)'))),
    );
    expect([a.decision, b.decision].sort()).toEqual(['allow', 'defer']);
    const deferred = a.decision === 'defer' ? a : b;
    expect(deferred.reasons.map((r) => r.rule)).toEqual(['velocity.per_number_24h']);
  });

  it(`keeps the provider's concurrency (VAPI_MAX_CONCURRENT_CALLS=${PROVIDER_CAP}) across numbers and businesses while no decision is committed yet`, async () => {
    // 2 calls in progress on the provider; 3 slots left.
    for (let i = 0; i < 2; i++) await seedCall(t, { to: numberAt(40 + i), status: 'in_progress', createdAt: new Date(NOW.getTime() - 60_000) });
    // Half trial demos (no business), half leads of four businesses (one each: a business's own
    // checks wait for one another, its per-minute cap needs that).
    const businesses = await Promise.all(['Cool Air', 'Gym Co', 'Bright Smiles', 'Northside'].map((name) => createBusiness(t, { name })));
    const requests: CallCheckRequest[] = Array.from({ length: 8 }, (_, i) =>
      i < 4
        ? { to: numberAt(10 + i), purpose: 'trial_demo', trialId: randomUUID() }
        : { to: numberAt(10 + i), purpose: 'speed_to_lead', businessId: businesses[i - 4], leadId: randomUUID() },
    );
    for (const r of requests.filter((r) => r.businessId)) await grantConsent(t, r.to, r.businessId!, new Date('2026-03-01T12:00:00Z'));

    // Every check is made before any of them commits: none can see another's decision in the database.
    const allChecked = barrier(requests.length);
    const checks = await Promise.all(
      requests.map((request) =>
        checkInTransaction(request, async () => {
          allChecked.arrive();
          await allChecked.passed;
        }).catch((err) => {
          allChecked.arrive();
          throw err;
        }),
      ),
    );

    const allowed = checks.filter((c) => c.decision === 'allow');
    const deferred = checks.filter((c) => c.decision === 'defer');
    expect(allowed).toHaveLength(3);
    expect(deferred).toHaveLength(5);
    for (const c of deferred) {
      expect(c.reasons.map((r) => r.rule)).toEqual(['velocity.provider_concurrency']);
      expect(c.reasons[0].detail).toContain(`limit ${PROVIDER_CAP}`);
      expect(c.nextAllowedAt).toEqual(new Date(NOW.getTime() + 60_000));
    }
    // Every reservation is given back once its transaction has ended (after the commit: nothing left to wait for).
    expect(await inFlight()).toBe(0);

    // Committed, the 3 allowed decisions (not linked to calls yet) hold their slots: the next check is deferred.
    const next = await compliance(t).checkBeforeCall({ to: numberAt(30), purpose: 'trial_demo' });
    expect(next.decision).toBe('defer');
    const summary = (await decisionRow(t, next.decisionId)).input_summary;
    expect(summary.history.providerActiveCalls).toBe(5);
    expect(summary.limits).toEqual({ providerConcurrency: PROVIDER_CAP });
  });

  it('counts a call once in the instant between its commit and the release of its slot', async () => {
    for (let i = 0; i < 3; i++) await seedCall(t, { to: numberAt(40 + i), status: 'in_progress', createdAt: new Date(NOW.getTime() - 60_000) });
    const placed = await compliance(t).checkBeforeCall({ to: numberAt(23), purpose: 'trial_demo' });
    const businessId = await createBusiness(t);
    const call = await t.app.get(CallsService).createCall({ direction: 'outbound_lead', businessId, toE164: numberAt(23) });
    await compliance(t).linkDecisionToCall(placed.decisionId, call.id);
    // Its reservation still held, as if its release had not reached Redis yet.
    await t.app.get(RedisService).client.zadd(IN_FLIGHT_KEY, Date.now() + 60_000, placed.decisionId);

    // 3 in progress + that call, counted once = 4 of 5: one slot left.
    const next = await compliance(t).checkBeforeCall({ to: numberAt(24), purpose: 'trial_demo' });
    expect(next.decision).toBe('allow');
    expect((await decisionRow(t, next.decisionId)).input_summary.history.providerActiveCalls).toBe(4);
  });

  it('gives a slot back when the transaction that took it rolls back', async () => {
    for (let i = 0; i < PROVIDER_CAP - 1; i++) await seedCall(t, { to: numberAt(40 + i), status: 'in_progress', createdAt: new Date(NOW.getTime() - 60_000) });
    await expect(
      checkInTransaction({ to: numberAt(20), purpose: 'trial_demo', trialId: randomUUID() }, async (_m, check) => {
        expect(check.decision).toBe('allow');
        expect(await inFlight()).toBe(1); // held while the decision is not committed
        throw new Error('the caller gave up');
      }),
    ).rejects.toThrow('the caller gave up');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await inFlight()).toBe(0);
    // The last slot is free again.
    expect((await compliance(t).checkBeforeCall({ to: numberAt(21), purpose: 'trial_demo' })).decision).toBe('allow');
    expect((await compliance(t).checkBeforeCall({ to: numberAt(22), purpose: 'trial_demo' })).decision).toBe('defer');
  });
});
