import nock from 'nock';
import { readFileSync } from 'node:fs';
import { AddressInfo, Socket, createServer } from 'node:net';
import path from 'node:path';
import { PermanentProviderError, ProviderCircuitOpenError, TransientProviderError } from '../../src/integrations/providers.errors';
import { StripeAdapter } from '../../src/integrations/stripe/stripe.adapter';
import { STRIPE_API_VERSION } from '../../src/integrations/stripe/stripe.api-version';
import type { CheckoutSessionRequest } from '../../src/integrations/stripe/stripe.port';
import { BreakerHarness, liveConfig, startBreakers } from './support/breakers';

const STRIPE = 'https://api.stripe.com';
const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../fixtures/stripe', `${name}.json`), 'utf8'));

const request: CheckoutSessionRequest = {
  plan: 'pro',
  customerEmail: 'owner@coolair.example',
  clientReferenceId: '5f0c2c1e-8b7a-4d3c-9e2f-1a0b9c8d7e6f',
  metadata: { trialId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' },
  successUrl: 'https://beaker.example/billing/success?session={CHECKOUT_SESSION_ID}',
  cancelUrl: 'https://beaker.example/billing/cancel',
  idempotencyKey: 'checkout-5f0c2c1e-pro',
};

/** Stripe's documented error body. */
const stripeError = (type: string, message: string, code?: string) => ({ error: { type, message, ...(code ? { code } : {}) } });

describe('Stripe adapter (SDK, nock)', () => {
  let h: BreakerHarness;
  let stripe: StripeAdapter;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await startBreakers({}, undefined, { reset: true });
    stripe = new StripeAdapter(liveConfig(), h.breakers);
    stripe.requestTimeoutMs = 300;
  });
  afterEach(async () => {
    nock.cleanAll();
    await h.close();
  });

  it('creates a subscription checkout session with the idempotency key and the pinned API version', async () => {
    let form = new URLSearchParams();
    const session = { ...fixture('checkout.session'), id: 'cs_test_beaker_1', mode: 'subscription', url: 'https://checkout.stripe.com/c/pay/cs_test_beaker_1' };
    const scope = nock(STRIPE, {
      reqheaders: { authorization: 'Bearer sk_test_beaker_nock', 'idempotency-key': request.idempotencyKey, 'stripe-version': STRIPE_API_VERSION },
    })
      .post('/v1/checkout/sessions', (body: string) => ((form = new URLSearchParams(body)), true))
      .reply(200, session);
    await expect(stripe.createCheckoutSession(request)).resolves.toEqual({ id: 'cs_test_beaker_1', url: session.url });
    scope.done();
    expect(Object.fromEntries(form)).toMatchObject({
      mode: 'subscription',
      'line_items[0][price]': 'price_pro_test',
      'line_items[0][quantity]': '1',
      customer_email: request.customerEmail,
      client_reference_id: request.clientReferenceId,
      'metadata[plan]': 'pro',
      'metadata[trialId]': request.metadata.trialId,
      'subscription_data[metadata][plan]': 'pro',
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
    });
  });

  it('retries a 500 with the same idempotency key (Stripe answers the first session again)', async () => {
    const keys: string[] = [];
    const scope = nock(STRIPE)
      .post('/v1/checkout/sessions')
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [500, stripeError('api_error', 'Something went wrong on Stripe\'s end.')];
      })
      .post('/v1/checkout/sessions')
      .reply(function () {
        keys.push(String(this.req.headers['idempotency-key']));
        return [200, { ...fixture('checkout.session'), id: 'cs_test_beaker_2', url: 'https://checkout.stripe.com/c/pay/cs_test_beaker_2' }];
      });
    await expect(stripe.createCheckoutSession(request)).resolves.toMatchObject({ id: 'cs_test_beaker_2' });
    scope.done();
    expect(keys).toEqual([request.idempotencyKey, request.idempotencyKey]);
    expect(h.timing.sleeps).toEqual([1000]);
  });

  it('creates a portal session and reads a subscription into our snapshot', async () => {
    const sub = fixture('subscription');
    sub.id = 'sub_beaker_1';
    sub.status = 'active';
    sub.cancel_at_period_end = false;
    sub.metadata = { businessId: 'b-1' };
    sub.items.data[0].price.id = 'price_starter_test';
    sub.items.data[0].current_period_end = 1_767_225_600;
    const scope = nock(STRIPE)
      .post('/v1/billing_portal/sessions', (body: string) => new URLSearchParams(body).get('customer') === 'cus_QXg1o8vcGmoR32')
      .reply(200, { ...fixture('billing_portal.session'), object: 'billing_portal.session', url: 'https://billing.stripe.com/p/session/test_1' })
      .get('/v1/subscriptions/sub_beaker_1')
      .reply(200, sub);
    await expect(stripe.createPortalSession({ customerId: 'cus_QXg1o8vcGmoR32', returnUrl: 'https://beaker.example/billing' })).resolves.toEqual({
      url: 'https://billing.stripe.com/p/session/test_1',
    });
    await expect(stripe.getSubscription('sub_beaker_1')).resolves.toEqual({
      id: 'sub_beaker_1',
      customerId: 'cus_QXg1o8vcGmoR32',
      status: 'active',
      priceId: 'price_starter_test',
      plan: 'starter',
      currentPeriodEnd: new Date(1_767_225_600 * 1000),
      cancelAtPeriodEnd: false,
      metadata: { businessId: 'b-1' },
    });
    scope.done();
  });

  it('resumes a subscription set to cancel: POST /v1/subscriptions/:id with cancel_at_period_end=false, an idempotency key, the answer read into our snapshot', async () => {
    const sub = fixture('subscription');
    sub.id = 'sub_beaker_2';
    sub.status = 'active';
    sub.cancel_at_period_end = false;
    sub.cancel_at = null;
    sub.items.data[0].price.id = 'price_pro_test';
    sub.items.data[0].current_period_end = 1_767_225_600;
    let form = new URLSearchParams();
    const scope = nock(STRIPE, { reqheaders: { 'idempotency-key': /^resume-[0-9a-f-]{36}$/, 'stripe-version': STRIPE_API_VERSION } })
      .post('/v1/subscriptions/sub_beaker_2', (body: string) => ((form = new URLSearchParams(body)), true))
      .reply(200, sub);
    await expect(stripe.resumeSubscription('sub_beaker_2')).resolves.toMatchObject({ id: 'sub_beaker_2', status: 'active', plan: 'pro', cancelAtPeriodEnd: false, currentPeriodEnd: new Date(1_767_225_600 * 1000) });
    scope.done();
    expect(Object.fromEntries(form)).toEqual({ cancel_at_period_end: 'false' });
  });

  describe('plan changes: Stripe’s invoice preview, then the update at the same proration date', () => {
    // Starter ($99) → Pro ($299) a third of the way into a 30-day period (Stripe prorates by the
    // second): 20 of 30 days unused → credit −round(9900 × 2/3) = −6600, charge round(29900 × 2/3) = 19933.
    const periodStart = 1_764_547_200;
    const periodEnd = periodStart + 30 * 86_400;
    const prorationDate = periodStart + 10 * 86_400;
    const startingSub = () => {
      const sub = fixture('subscription');
      sub.id = 'sub_beaker_3';
      sub.status = 'active';
      sub.items.data[0].id = 'si_beaker_3';
      sub.items.data[0].price.id = 'price_starter_test';
      sub.items.data[0].current_period_start = periodStart;
      sub.items.data[0].current_period_end = periodEnd;
      return sub;
    };
    /** Stripe-shaped preview: the invoice's lines, two of them prorations of the subscription's item. */
    const preview = () => {
      const invoice = fixture('invoice');
      const line = invoice.lines.data[0];
      const prorationLine = (id: string, amount: number, price: string) => ({
        ...line,
        id,
        amount,
        subtotal: amount,
        invoice: null,
        period: { start: prorationDate, end: periodEnd },
        parent: {
          type: 'subscription_item_details',
          invoice_item_details: null,
          subscription_item_details: { invoice_item: null, proration: true, proration_details: { credited_items: null }, subscription: 'sub_beaker_3', subscription_item: 'si_beaker_3' },
        },
        pricing: { type: 'price_details', price_details: { price, product: 'prod_beaker' }, unit_amount_decimal: String(amount) },
      });
      return {
        ...invoice,
        id: null,
        object: 'invoice',
        currency: 'usd',
        billing_reason: 'subscription_update',
        lines: { object: 'list', has_more: false, url: '/v1/invoices/upcoming/lines', data: [prorationLine('il_tmp_credit', -6600, 'price_starter_test'), prorationLine('il_tmp_charge', 19_933, 'price_pro_test')] },
        subtotal: 13_333,
        total: 13_333,
        amount_due: 13_333,
        amount_paid: 0,
        amount_remaining: 13_333,
      };
    };

    it('previews: POST /v1/invoices/create_preview with the item on the new price, the proration date and always_invoice; the proration lines net, the amount due', async () => {
      let form = new URLSearchParams();
      const scope = nock(STRIPE, { reqheaders: { 'stripe-version': STRIPE_API_VERSION } })
        .get('/v1/subscriptions/sub_beaker_3')
        .reply(200, startingSub())
        .post('/v1/invoices/create_preview', (body: string) => ((form = new URLSearchParams(body)), true))
        .reply(200, preview());
      await expect(stripe.previewPlanChange({ subscriptionId: 'sub_beaker_3', plan: 'pro', prorationDate })).resolves.toEqual({
        plan: 'pro',
        currency: 'usd',
        prorationDate,
        prorationAmount: 13_333,
        amountDueNow: 13_333,
      });
      scope.done();
      expect(Object.fromEntries(form)).toEqual({
        subscription: 'sub_beaker_3',
        'subscription_details[items][0][id]': 'si_beaker_3',
        'subscription_details[items][0][price]': 'price_pro_test',
        'subscription_details[proration_date]': String(prorationDate),
        'subscription_details[proration_behavior]': 'always_invoice',
      });
    });

    it('changes: POST /v1/subscriptions/:id with the same proration date, always_invoice, and one idempotency key for that change', async () => {
      const changed = startingSub();
      changed.items.data[0].price.id = 'price_pro_test';
      let form = new URLSearchParams();
      const scope = nock(STRIPE, { reqheaders: { 'stripe-version': STRIPE_API_VERSION } })
        .get('/v1/subscriptions/sub_beaker_3')
        .reply(200, startingSub())
        .post('/v1/subscriptions/sub_beaker_3', (body: string) => ((form = new URLSearchParams(body)), true))
        .matchHeader('idempotency-key', `change-plan-sub_beaker_3-pro-${prorationDate}`)
        .reply(200, changed);
      await expect(stripe.changePlan({ subscriptionId: 'sub_beaker_3', plan: 'pro', prorationDate })).resolves.toMatchObject({ id: 'sub_beaker_3', plan: 'pro', currentPeriodEnd: new Date(periodEnd * 1000) });
      scope.done();
      expect(Object.fromEntries(form)).toEqual({
        'items[0][id]': 'si_beaker_3',
        'items[0][price]': 'price_pro_test',
        proration_date: String(prorationDate),
        proration_behavior: 'always_invoice',
        'metadata[plan]': 'pro',
      });
    });

    it('a preview Stripe refuses (400) is a permanent error, not retried', async () => {
      const scope = nock(STRIPE)
        .get('/v1/subscriptions/sub_beaker_3')
        .reply(200, startingSub())
        .post('/v1/invoices/create_preview')
        .once()
        .reply(400, stripeError('invalid_request_error', 'proration_date must be within the current period', 'parameter_invalid_integer'));
      await expect(stripe.previewPlanChange({ subscriptionId: 'sub_beaker_3', plan: 'pro', prorationDate: periodEnd + 1 })).rejects.toBeInstanceOf(PermanentProviderError);
      scope.done();
    });
  });

  it('a subscription Stripe does not know (404 resource_missing) is null', async () => {
    nock(STRIPE).get('/v1/subscriptions/sub_missing').reply(404, stripeError('invalid_request_error', 'No such subscription: \'sub_missing\'', 'resource_missing'));
    await expect(stripe.getSubscription('sub_missing')).resolves.toBeNull();
  });

  it('401 and 409 (idempotency conflict) are permanent: one request each, nothing counted', async () => {
    const scope = nock(STRIPE)
      .post('/v1/checkout/sessions')
      .reply(401, stripeError('invalid_request_error', 'Invalid API Key provided: sk_test_****nock'))
      .post('/v1/checkout/sessions')
      .reply(409, stripeError('idempotency_error', 'Keys for idempotent requests can only be used with the same parameters they were first used with.'));
    await expect(stripe.createCheckoutSession(request)).rejects.toMatchObject({ providerStatus: 401, code: 'PROVIDERS.REJECTED' });
    const conflict = await stripe.createCheckoutSession(request).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(PermanentProviderError);
    expect(conflict).toMatchObject({ providerStatus: 409, providerMessage: expect.stringContaining('idempotent') });
    scope.done();
    expect(h.timing.sleeps).toEqual([]);
    expect((await h.breakers.snapshot()).find((b) => b.name === 'stripe:create_checkout_session')?.failures).toBe(0);
  });

  it('429 with Retry-After is waited out, then retried', async () => {
    const scope = nock(STRIPE)
      .get('/v1/subscriptions/sub_1')
      .reply(429, stripeError('invalid_request_error', 'Too many requests', 'rate_limit'), { 'Retry-After': '2' })
      .get('/v1/subscriptions/sub_1')
      .reply(200, { ...fixture('subscription'), id: 'sub_1' });
    await expect(stripe.getSubscription('sub_1')).resolves.toMatchObject({ id: 'sub_1' });
    scope.done();
    expect(h.timing.sleeps).toEqual([2000]);
  });

  it('timeouts are transient: retried 3 times, then PROVIDERS.UNAVAILABLE, counted once', async () => {
    // A real socket that never answers (interception cannot make the SDK's socket time out).
    const connections: Socket[] = [];
    const silent = createServer((socket) => connections.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    nock.enableNetConnect('127.0.0.1');
    try {
      const slow = new StripeAdapter(liveConfig(), h.breakers);
      slow.requestTimeoutMs = 200;
      slow.endpoint = { host: '127.0.0.1', port: (silent.address() as AddressInfo).port, protocol: 'http' };
      const error = await slow.getSubscription('sub_slow').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransientProviderError);
      expect(error).toMatchObject({ code: 'PROVIDERS.UNAVAILABLE', providerMessage: expect.stringMatching(/timeout/i) });
      expect(connections).toHaveLength(4);
    } finally {
      nock.disableNetConnect();
      connections.forEach((c) => c.destroy());
      await new Promise((resolve) => silent.close(resolve));
    }
    expect(h.timing.sleeps).toEqual([1000, 2000, 4000]);
    expect((await h.breakers.snapshot()).find((b) => b.name === 'stripe:get_subscription')?.failures).toBe(1);
  }, 15_000);

  it('opens stripe:get_subscription after 5 failed reads and then fails fast, with no request', async () => {
    const scope = nock(STRIPE).get('/v1/subscriptions/sub_1').times(20).reply(503, stripeError('api_error', 'Service Unavailable'));
    for (let i = 0; i < 5; i++) await expect(stripe.getSubscription('sub_1')).rejects.toBeInstanceOf(TransientProviderError);
    scope.done();
    const extra = nock(STRIPE).get('/v1/subscriptions/sub_1').reply(200, fixture('subscription'));
    // No fallback on purpose: "unreachable" must not read as "no such subscription".
    await expect(stripe.getSubscription('sub_1')).rejects.toBeInstanceOf(ProviderCircuitOpenError);
    expect(extra.isDone()).toBe(false);
  });
});
