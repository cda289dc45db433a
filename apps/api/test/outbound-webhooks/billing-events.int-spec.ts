import { TelephonyPort } from '../../src/integrations/twilio/twilio.port';
import { checkoutCompleted, deliver, invoiceEvent, newSubscription, quiet, settled, subscriptionEvent } from '../billing/billing.factory';
import { signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';
import { receivedCount, verifySignature } from './outbound-webhooks.factory';
import { WebhookReceiver } from './receiver';

/** The businesses module's events: number.provisioned when the number is connected, subscription.updated as Stripe changes it. */
describe('outbound webhooks: number.provisioned and subscription.updated', () => {
  let t: TestApp;
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    await receiver.start();
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await resetState(t);
    receiver.clear();
  });
  afterEach(async () => quiet(t));

  it('tells the endpoint when the number is connected, and when the subscription is upgraded, past due and canceled', async () => {
    // Provisioning stops at the number step, so that the endpoint exists before the number is connected.
    const search = jest.spyOn(t.app.get(TelephonyPort), 'searchAvailableNumbers').mockRejectedValue(new Error('Twilio is down'));
    const s = await newSubscription(t);
    const checkout = checkoutCompleted(s, 'starter');
    await deliver(t, checkout);
    await settled(t, [checkout]);
    const [business] = await eventually(
      () => t.db.query(`SELECT id, provisioning_status FROM businesses WHERE stripe_subscription_id = $1`, [s.subscriptionId]),
      (rows) => rows[0]?.provisioning_status === 'failed',
      30_000,
    );
    const owner = await signInAs(t, s.email);
    const created = await owner.request(`/v1/businesses/${business.id}/webhook-endpoints`, {
      method: 'POST',
      json: { url: receiver.url, eventTypes: ['number.provisioned', 'subscription.updated'] },
    });
    expect(created.status).toBe(201);
    const { secret } = await created.json();

    search.mockRestore();
    expect((await owner.request(`/v1/businesses/${business.id}/provisioning/retry`, { method: 'POST' })).status).toBe(202);
    await receivedCount(receiver, 1, 20_000);
    const [provisioned] = receiver.events();
    const [number] = await t.db.query(`SELECT id, e164 FROM phone_numbers WHERE business_id = $1 AND status = 'active'`, [business.id]);
    expect(provisioned).toMatchObject({ type: 'number.provisioned', data: { businessId: business.id, number: { id: number.id, e164: number.e164 } } });
    expect(verifySignature(receiver.received[0].headers['beaker-signature'] as string, receiver.received[0].body, secret, Math.floor(Date.now() / 1000))).toBe(true);

    const upgraded = subscriptionEvent(s, 'customer.subscription.updated', { plan: 'pro' }, s.start + 60);
    await deliver(t, upgraded);
    await settled(t, [upgraded]);
    await receivedCount(receiver, 2);
    expect(receiver.events()[1]).toMatchObject({ type: 'subscription.updated', data: { businessId: business.id, subscription: { status: 'active', plan: 'pro' } } });

    const failed = invoiceEvent(s, 'invoice.payment_failed', { plan: 'pro', periodStart: s.start + 31 * 86_400, billingReason: 'subscription_cycle' }, s.start + 31 * 86_400);
    await deliver(t, failed);
    await settled(t, [failed]);
    await receivedCount(receiver, 3);
    expect(receiver.events()[2]).toMatchObject({ type: 'subscription.updated', data: { subscription: { status: 'past_due', plan: 'pro' } } });

    const deleted = subscriptionEvent(s, 'customer.subscription.deleted', { plan: 'pro', status: 'canceled' }, s.start + 40 * 86_400);
    await deliver(t, deleted);
    await settled(t, [deleted]);
    await receivedCount(receiver, 4);
    expect(receiver.events()[3]).toMatchObject({ type: 'subscription.updated', data: { subscription: { status: 'canceled' } } });
    expect(receiver.received).toHaveLength(4);
  }, 90_000);
});
