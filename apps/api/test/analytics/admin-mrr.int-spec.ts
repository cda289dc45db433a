import { randomBytes } from 'node:crypto';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { checkoutCompleted, deliver, newSubscription, quiet, settled, Subscription, subscriptionEvent } from '../billing/billing.factory';
import { resetState, startApp, TestApp } from '../harness';

const unix = (iso: string) => Date.parse(iso) / 1000;

/** A deterministic shuffle (the same seed, the same order): Stripe keeps no order. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * Staff's MRR movements from the real billing pipeline: Stripe events delivered signed, in a
 * shuffled order, each recorded in the subscription's history by the handler; the movements by
 * month computed in event time.
 */
describe('admin analytics: MRR and its movements', () => {
  let t: TestApp;
  let staff: SignedInClient;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
  });
  afterEach(async () => quiet(t));

  it('counts new, expansion, contraction, churn and reactivation by month, whatever order the events arrive in', async () => {
    // Customer A: starter in January, pro in February, starter in March, canceled in April, back on pro (a new subscription) in May.
    const a = await newSubscription(t, { start: unix('2026-01-05T10:00:00Z') });
    // Paying again is a new checkout: a new Stripe customer and subscription, the same person.
    const comeBack: Subscription = { ...a, customerId: `cus_test_${randomBytes(8).toString('hex')}`, sessionId: `cs_test_${randomBytes(8).toString('hex')}`, subscriptionId: `sub_test_${randomBytes(8).toString('hex')}`, trialId: null, start: unix('2026-05-10T10:00:00Z') };
    // Customer B: pro from January 20.
    const b = await newSubscription(t, { start: unix('2026-01-20T10:00:00Z') });
    const events = [
      checkoutCompleted(a, 'starter'),
      subscriptionEvent(a, 'customer.subscription.created', { plan: 'starter' }, a.start + 1),
      subscriptionEvent(a, 'customer.subscription.updated', { plan: 'pro' }, unix('2026-02-10T10:00:00Z')),
      subscriptionEvent(a, 'customer.subscription.updated', { plan: 'starter' }, unix('2026-03-10T10:00:00Z')),
      subscriptionEvent(a, 'customer.subscription.deleted', { plan: 'starter', status: 'canceled' }, unix('2026-04-10T10:00:00Z')),
      checkoutCompleted(comeBack, 'pro'),
      subscriptionEvent(comeBack, 'customer.subscription.created', { plan: 'pro' }, comeBack.start + 1),
      checkoutCompleted(b, 'pro'),
      subscriptionEvent(b, 'customer.subscription.created', { plan: 'pro' }, b.start + 1),
    ];
    // Checkouts first (in a shuffled order), so that no event waits on its business's retries; then the rest shuffled.
    const [checkouts, rest] = [events.filter((e) => e.type === 'checkout.session.completed'), events.filter((e) => e.type !== 'checkout.session.completed')];
    for (const e of [...shuffled(checkouts, 7), ...shuffled(rest, 11)]) await deliver(t, e);
    await settled(t, events, 60_000);
    // One history row per event (a checkout, two subscription events each), none for the redelivered one.
    await deliver(t, rest[0]);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM subscription_changes`);
    expect(count).toBe(events.length);

    const res = await staff.request('/v1/admin/analytics/mrr?from=2026-01-01&to=2026-05-31');
    expect(res.status).toBe(200);
    const body = await res.json();
    const zero = { newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0, reactivationCents: 0 };
    expect(body).toEqual({
      from: '2026-01-01',
      to: '2026-05-31',
      interval: 'month',
      currency: 'usd',
      periods: [
        { start: '2026-01-01', ...zero, startingMrrCents: 0, newCents: 9900 + 29900, endingMrrCents: 39800 },
        { start: '2026-02-01', ...zero, startingMrrCents: 39800, expansionCents: 20000, endingMrrCents: 59800 },
        { start: '2026-03-01', ...zero, startingMrrCents: 59800, contractionCents: -20000, endingMrrCents: 39800 },
        { start: '2026-04-01', ...zero, startingMrrCents: 39800, churnCents: -9900, endingMrrCents: 29900 },
        { start: '2026-05-01', ...zero, startingMrrCents: 29900, reactivationCents: 29900, endingMrrCents: 59800 },
      ],
    });

    // By day: the downgrade on its day, MRR carried over the days around it.
    const days = await (await staff.request('/v1/admin/analytics/mrr?from=2026-03-09&to=2026-03-11&interval=day')).json();
    expect(days.periods.map((p: { start: string; startingMrrCents: number; contractionCents: number; endingMrrCents: number }) => [p.start, p.startingMrrCents, p.contractionCents, p.endingMrrCents])).toEqual([
      ['2026-03-09', 59800, 0, 59800],
      ['2026-03-10', 59800, -20000, 39800],
      ['2026-03-11', 39800, 0, 39800],
    ]);
  }, 120_000);

  it('answers a clear 400 for a bad range, and 403 to someone who is not staff', async () => {
    for (const query of ['from=2026-05-01&to=2026-01-01', 'from=nope', 'interval=week', 'from=2026-01-01&to=2027-06-01&interval=day', 'from=2000-01-01&to=2026-01-01']) {
      const res = await staff.request(`/v1/admin/analytics/mrr?${query}`);
      expect({ query, status: res.status, code: (await res.json()).code }).toEqual({ query, status: 400, code: 'VALIDATION.FAILED' });
    }
    const owner = await signInAs(t, 'owner@example.com');
    expect((await owner.request('/v1/admin/analytics/mrr')).status).toBe(403);
  });
});
