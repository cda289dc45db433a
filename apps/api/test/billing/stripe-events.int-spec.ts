import { resetState, startApp, TestApp } from '../harness';
import { deliverStripe, eventually } from '../webhooks/webhook-deliveries';
import { inbox } from '../factories/auth.factory';
import {
  businessOf,
  checkoutCompleted,
  DAY,
  deliver,
  invoiceEvent,
  newSubscription,
  quiet,
  settled,
  Subscription,
  subscriptionEvent,
} from './billing.factory';

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const at = (seconds: number) => new Date(seconds * 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stripe's billing events against the real pipeline (signed HTTP → stored → job → handler), in
 * every order: Stripe neither orders nor deduplicates its deliveries.
 */
describe('billing: Stripe subscription lifecycle', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));
  afterEach(async () => quiet(t));

  /** Checkout, subscription created (starter), its first invoice paid, then an upgrade to pro a minute later. */
  function goLiveEvents(s: Subscription) {
    return {
      checkout: checkoutCompleted(s, 'starter'),
      created: subscriptionEvent(s, 'customer.subscription.created', { plan: 'starter' }, s.start),
      paid: invoiceEvent(s, 'invoice.paid', { periodStart: s.start, billingReason: 'subscription_create' }, s.start),
      upgraded: subscriptionEvent(s, 'customer.subscription.updated', { plan: 'pro' }, s.start + 60),
    };
  }

  it('reaches the same business whatever order the four go-live events arrive in (24 orders)', async () => {
    const orders = permutations(['checkout', 'created', 'paid', 'upgraded'] as const);
    const runs = await Promise.all(
      orders.map(async (order) => {
        const s = await newSubscription(t);
        return { order, s, events: goLiveEvents(s) };
      }),
    );
    // Position by position across all runs, so that in each run the events arrive in its order.
    for (let position = 0; position < 4; position++) {
      await Promise.all(runs.map((run) => deliver(t, run.events[run.order[position]])));
      await sleep(150);
    }
    await settled(t, runs.flatMap((run) => Object.values(run.events)), 60_000);

    for (const { order, s } of runs) {
      const business = await eventually(() => businessOf(t, s.subscriptionId), (b) => b?.plan === 'pro', 10_000);
      expect({ order: order.join(' → '), business }).toEqual({
        order: order.join(' → '),
        business: expect.objectContaining({
          status: 'active',
          plan: 'pro',
          calls_included: 500,
          calls_used_this_period: 0,
          current_period_start: at(s.start),
          current_period_end: at(s.start + 31 * DAY),
          subscription_synced_at: at(s.start + 60),
          trial_id: s.trialId,
          stripe_customer_id: s.customerId,
          checkout_session_id: s.sessionId,
          name: 'Northside Heating & Air',
          industry: 'hvac',
        }),
      });
      const members = await t.db.query(`SELECT user_id, role FROM business_members WHERE business_id = $1`, [(await businessOf(t, s.subscriptionId))!.id]);
      expect(members).toEqual([{ user_id: s.userId, role: 'owner' }]);
      const [trial] = await t.db.query(`SELECT status FROM trials WHERE id = $1`, [s.trialId]);
      expect(trial.status).toBe('converted');
    }
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM businesses`);
    expect(count).toBe(orders.length);
  }, 180_000);

  it('applies an event that ran out of retries before its checkout, once the business exists', async () => {
    const s = await newSubscription(t);
    const { checkout, upgraded } = goLiveEvents(s);
    await deliver(t, upgraded);
    expect(await settled(t, [upgraded], 20_000)).toEqual({ [upgraded.id as string]: 'failed' });
    const [stored] = await t.db.query(`SELECT attempts, last_error FROM webhook_events WHERE event_id = $1`, [upgraded.id]);
    expect(stored.attempts).toBe(3);
    expect(stored.last_error).toContain('no business for subscription');

    await deliver(t, checkout);
    const business = await eventually(() => businessOf(t, s.subscriptionId), (b) => b?.plan === 'pro', 15_000);
    expect(business).toMatchObject({ plan: 'pro', calls_included: 500, status: 'active' });
    // Replayed after the checkout committed: its effect was already in, and it is marked done.
    const replayed = await eventually(
      async () => (await t.db.query(`SELECT status FROM webhook_events WHERE event_id = $1`, [upgraded.id]))[0].status,
      (status) => status === 'completed',
      10_000,
    );
    expect(replayed).toBe('completed');
  }, 60_000);

  it("a paid renewal resets the period's usage once: duplicates and late older invoices change nothing", async () => {
    const s = await newSubscription(t);
    const first = goLiveEvents(s);
    for (const e of [first.checkout, first.created, first.paid]) await deliver(t, e);
    await settled(t, [first.checkout, first.created, first.paid]);
    const { id } = (await businessOf(t, s.subscriptionId))!;
    await t.db.query(`UPDATE businesses SET calls_used_this_period = 42 WHERE id = $1`, [id]);

    const secondStart = s.start + 31 * DAY;
    const renewal = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_renewal', periodStart: secondStart, billingReason: 'subscription_cycle' }, secondStart);
    await deliver(t, renewal);
    await settled(t, [renewal]);
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({
      calls_used_this_period: 0,
      current_period_start: at(secondStart),
      current_period_end: at(secondStart + 31 * DAY),
    });

    // Calls in the new period, then the same invoice again: redelivered, and as a second event.
    await t.db.query(`UPDATE businesses SET calls_used_this_period = 3 WHERE id = $1`, [id]);
    const redelivered = await deliverStripe(t, renewal);
    expect(await redelivered.json()).toEqual({ received: true, duplicate: true });
    const again = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_renewal', periodStart: secondStart, billingReason: 'subscription_cycle' }, secondStart + 5);
    const lateOld = invoiceEvent(s, 'invoice.paid', { periodStart: s.start, billingReason: 'subscription_create' }, s.start + 10);
    await deliver(t, again);
    await deliver(t, lateOld);
    await settled(t, [again, lateOld]);
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({
      calls_used_this_period: 3,
      current_period_start: at(secondStart),
      current_period_end: at(secondStart + 31 * DAY),
    });
  }, 60_000);

  it('a failed payment makes the business past_due and emails its owners; a newer recovery wins over a late failure', async () => {
    const s = await newSubscription(t);
    const { checkout, created } = goLiveEvents(s);
    for (const e of [checkout, created]) await deliver(t, e);
    await settled(t, [checkout, created]);

    const failed = invoiceEvent(s, 'invoice.payment_failed', { invoiceId: 'in_test_failed', periodStart: s.start + 31 * DAY, billingReason: 'subscription_cycle', attempt: 1 }, s.start + 100);
    await deliver(t, failed);
    await settled(t, [failed]);
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({ status: 'past_due', past_due_since: at(s.start + 100) });
    // The owners' inbox also has the welcome (the business went live); the notice is its own email.
    const mail = await eventually(() => inbox(t, s.email), (m) => m.some((x) => x.subject.startsWith('Payment failed')), 10_000);
    const notices = mail.filter((x) => x.subject.startsWith('Payment failed'));
    expect(notices).toHaveLength(1);
    expect(notices[0].subject).toContain('Payment failed for Northside Heating & Air');
    expect(notices[0].text).toContain('/billing');

    const recovered = subscriptionEvent(s, 'customer.subscription.updated', { plan: 'starter', status: 'active' }, s.start + 200);
    const lateFailure = invoiceEvent(s, 'invoice.payment_failed', { invoiceId: 'in_test_failed', periodStart: s.start + 31 * DAY, billingReason: 'subscription_cycle', attempt: 2 }, s.start + 150);
    await deliver(t, recovered);
    await settled(t, [recovered]);
    await deliver(t, lateFailure);
    expect(await settled(t, [lateFailure])).toEqual({ [lateFailure.id as string]: 'ignored' });
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({ status: 'active', past_due_since: null });
  }, 60_000);

  it('a paid invoice emails its owners one receipt, however often it is delivered; a failed one sends none', async () => {
    const s = await newSubscription(t);
    const { checkout, created } = goLiveEvents(s);
    const paid = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_first', periodStart: s.start, billingReason: 'subscription_create' }, s.start);
    for (const e of [checkout, created, paid]) await deliver(t, e);
    await settled(t, [checkout, created, paid]);
    const receipts = async () => (await inbox(t, s.email)).filter((m) => m.subject.includes('receipt'));
    const mail = await eventually(receipts, (m) => m.length > 0, 10_000);
    expect(mail[0].subject).toBe('Your Beaker receipt for Northside Heating & Air: $99.00 paid');
    expect(mail[0].text).toContain('Invoice: in_test_first');
    expect(mail[0].text).toContain('/billing');

    // The same invoice again (redelivered, and as a second event), and a failed one: no more receipts.
    await deliverStripe(t, paid);
    const again = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_first', periodStart: s.start, billingReason: 'subscription_create' }, s.start + 5);
    const failed = invoiceEvent(s, 'invoice.payment_failed', { invoiceId: 'in_test_failed_receipt', periodStart: s.start + 31 * DAY, billingReason: 'subscription_cycle' }, s.start + 100);
    await deliver(t, again);
    await deliver(t, failed);
    await settled(t, [again, failed]);
    await eventually(() => inbox(t, s.email), (m) => m.some((x) => x.subject.includes('Payment failed')), 10_000);
    expect(await receipts()).toHaveLength(1);
  }, 60_000);

  it('a deleted subscription cancels the business for good, and a downgrade clamps usage to the smaller plan', async () => {
    const s = await newSubscription(t);
    const { checkout, created, upgraded } = goLiveEvents(s);
    for (const e of [checkout, created, upgraded]) await deliver(t, e);
    await settled(t, [checkout, created, upgraded]);
    const { id } = (await businessOf(t, s.subscriptionId))!;
    await t.db.query(`UPDATE businesses SET calls_used_this_period = 250 WHERE id = $1`, [id]);

    const downgraded = subscriptionEvent(s, 'customer.subscription.updated', { plan: 'starter' }, s.start + 120);
    await deliver(t, downgraded);
    await settled(t, [downgraded]);
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({ plan: 'starter', calls_included: 100, calls_used_this_period: 100 });

    const deleted = subscriptionEvent(s, 'customer.subscription.deleted', { plan: 'starter', status: 'canceled' }, s.start + 300);
    const staleActive = subscriptionEvent(s, 'customer.subscription.updated', { plan: 'pro', status: 'active' }, s.start + 400);
    await deliver(t, deleted);
    await settled(t, [deleted]);
    await deliver(t, staleActive);
    await settled(t, [staleActive]);
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({ status: 'canceled', plan: 'starter' });
  }, 60_000);
});
