import { randomUUID } from 'node:crypto';
import { RedisService } from '../../src/common/redis/redis.service';
import { TelephonyPort } from '../../src/integrations/twilio/twilio.port';
import { TwilioSandbox } from '../../src/integrations/sandbox/twilio/twilio.sandbox';
import { VapiSandbox } from '../../src/integrations/sandbox/vapi/vapi.sandbox';
import { BusinessProvisioning } from '../../src/modules/businesses/provisioning/business-provisioning.service';
import { resetState, startApp, TestApp } from '../harness';
import { addMember, inbox, signInAs, SignedInClient, tokenFrom } from '../factories/auth.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { quiet, seedTrial } from './billing.factory';

/**
 * The go-live journey through the API and the sandbox providers: checkout for a trial, payment,
 * the business and its setup, an inbound call on the dashboard; then billing, assistant settings,
 * the calls list and the team.
 */
describe('go live: checkout → business → number → calls', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));
  afterEach(async () => {
    jest.restoreAllMocks();
    await quiet(t);
  });

  /** Trial → checkout → sandbox "Pay" → the business exists and is provisioned. */
  async function goLive(owner: SignedInClient, plan: 'starter' | 'pro' = 'starter'): Promise<{ businessId: string; trialId: string; sessionId: string }> {
    const trialId = await seedTrial(t, owner.userId, { businessName: 'Northside Heating & Air', phone: '+13035550123' });
    const created = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan, trialId } });
    expect(created.status).toBe(201);
    const { id: sessionId, url } = await created.json();
    expect(url).toBe(`${t.baseUrl}/sandbox/checkout/${sessionId}`);

    const paid = await t.request(`/v1/sandbox/checkout-sessions/${sessionId}/pay`, { method: 'POST' });
    expect(paid.status).toBe(200);
    const pay = await paid.json();
    expect(pay.redirectUrl).toBe(`${t.baseUrl}/app/welcome?session_id=${sessionId}`);
    expect(pay.deliveries.map((d: { status: number }) => d.status)).toEqual([200, 200, 200]);

    const status = await eventually(
      async () => (await owner.request(`/v1/billing/checkout-sessions/${sessionId}`)).json(),
      (s) => s.status === 'complete',
      15_000,
    );
    return { businessId: status.businessId, trialId, sessionId };
  }

  async function overview(client: SignedInClient, businessId: string) {
    return (await client.request(`/v1/businesses/${businessId}/overview`)).json();
  }

  it('a paid checkout makes the trial a live business with a number near the customer, and its calls reach the dashboard', async () => {
    const owner = await signInAs(t, 'owner@northside.example');
    const { businessId, trialId } = await goLive(owner);

    const ready = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    expect(ready).toMatchObject({
      id: businessId,
      name: 'Northside Heating & Air',
      status: 'active',
      plan: 'starter',
      callsIncluded: 100,
      callsUsedThisPeriod: 0,
      industry: 'hvac',
      scenario: 'lead_intake',
      phoneNumber: { e164: expect.stringMatching(/^\+1303555/), status: 'active' },
      provisioning: { status: 'done', currentStep: null, error: null },
      callsPausedReason: null,
      yourRole: 'owner',
    });
    expect(ready.currentPeriodEnd).not.toBeNull();
    expect(ready.assistant.greeting).toContain('Thanks for calling Northside Heating & Air');
    const [trial] = await t.db.query(`SELECT status FROM trials WHERE id = $1`, [trialId]);
    expect(trial.status).toBe('converted');
    const me = await (await owner.request('/v1/me')).json();
    expect(me.businesses).toEqual([{ id: businessId, name: 'Northside Heating & Air', role: 'owner' }]);

    // The assistant exists at the voice provider with the business's persona.
    const [{ vapi_assistant_id: assistantId }] = await t.db.query(`SELECT vapi_assistant_id FROM businesses WHERE id = $1`, [businessId]);
    const assistant = await t.app.get(VapiSandbox).getAssistant(assistantId);
    expect(assistant?.spec.metadata).toMatchObject({ businessId, purpose: 'inbound', businessName: 'Northside Heating & Air' });

    // Someone calls the new number.
    const placed = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: ready.phoneNumber.e164, from: '+13125550142' } })).json();
    expect(placed.answeredWith).toBe('assistant');
    const page = await eventually(
      async () => (await owner.request(`/v1/businesses/${businessId}/calls?direction=inbound`)).json(),
      (p) => p.items?.[0]?.status === 'completed',
      20_000,
    );
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ direction: 'inbound', from: '+13125550142', to: ready.phoneNumber.e164, inboundRoute: 'assistant' });
    const report = await (await owner.request(`/v1/calls/${page.items[0].id}`)).json();
    expect(report.transcript.length).toBeGreaterThan(3);
    expect((await overview(owner, businessId)).callsUsedThisPeriod).toBe(1);

    // Checking out the same trial again is refused.
    const again = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', trialId } });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('BILLING.TRIAL_CONVERTED');
  }, 90_000);

  it('once live, the owner gets one welcome email with the number, and a receipt for the first invoice', async () => {
    const owner = await signInAs(t, 'owner@northside.example');
    const { businessId } = await goLive(owner);
    const ready = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    const national = ready.phoneNumber.e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3');

    const mail = await eventually(
      () => inbox(t, 'owner@northside.example'),
      (m) => m.some((x) => x.subject.includes('is live')) && m.some((x) => x.subject.includes('receipt')),
      15_000,
    );
    const welcome = mail.filter((x) => x.subject === 'Northside Heating & Air is live on Beaker');
    expect(welcome).toHaveLength(1);
    expect(welcome[0].text).toContain(`answers Northside Heating & Air's calls at ${national}`);
    expect(welcome[0].text).toContain('Forward your business line');
    expect(welcome[0].text).toContain(`/app/businesses/${businessId}`);
    expect(welcome[0].html).toContain('Northside Heating &amp; Air');
    const receipts = mail.filter((x) => x.subject.includes('receipt'));
    expect(receipts).toHaveLength(1);
    expect(receipts[0].subject).toBe('Your Beaker receipt for Northside Heating & Air: $99.00 paid');

    // Setup run again (a retry) sends no second welcome.
    await t.app.get(BusinessProvisioning).start(businessId);
    await quiet(t);
    expect((await inbox(t, 'owner@northside.example')).filter((x) => x.subject.includes('is live'))).toHaveLength(1);
  }, 90_000);

  it('a setup step that keeps failing is shown as failed, and the owner retries it from where it stopped', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const search = jest.spyOn(t.app.get(TelephonyPort), 'searchAvailableNumbers').mockRejectedValue(new Error('Twilio is down'));
    const { businessId } = await goLive(owner);
    const failed = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'failed', 30_000);
    expect(failed.provisioning).toMatchObject({
      status: 'failed',
      currentStep: 'number',
      steps: [
        { step: 'assistant', done: true },
        { step: 'number', done: false },
        { step: 'connect', done: false },
      ],
      error: expect.stringContaining('could not get a phone number'),
    });
    expect(failed.callsPausedReason).toBe('provisioning');
    expect(search).toHaveBeenCalledTimes(3);

    search.mockRestore();
    const retry = await owner.request(`/v1/businesses/${businessId}/provisioning/retry`, { method: 'POST' });
    expect(retry.status).toBe(202);
    expect(await retry.json()).toEqual({ step: 'number' });
    const done = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    expect(done.phoneNumber).toMatchObject({ status: 'active' });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM phone_numbers WHERE business_id = $1`, [businessId]);
    expect(count).toBe(1);
  }, 60_000);

  it('a number the provider sells again while another business holds it is given back, and the next one is bought', async () => {
    const first = await signInAs(t, 'first@northside.example');
    const { businessId: firstId } = await goLive(first);
    const firstReady = await eventually(() => overview(first, firstId), (o) => o.provisioning?.status === 'done', 20_000);
    // The sandbox provider forgets what it sold (its Redis emptied): it will offer that number again.
    await t.app.get(RedisService).client.del('sandbox:twilio:numbers', 'sandbox:twilio:number-sids');

    const second = await signInAs(t, 'second@northside.example');
    const { businessId: secondId } = await goLive(second);
    const secondReady = await eventually(() => overview(second, secondId), (o) => o.provisioning?.status === 'done', 20_000);
    expect(secondReady.phoneNumber).toMatchObject({ e164: expect.stringMatching(/^\+1303555/), status: 'active' });
    expect(secondReady.phoneNumber.e164).not.toBe(firstReady.phoneNumber.e164);
    expect((await overview(first, firstId)).phoneNumber).toEqual(firstReady.phoneNumber);
    // The provider's copy of the first number was released again; the second is held there.
    const owned = (await t.app.get(TwilioSandbox).ownedNumbers()).map((n) => n.e164);
    expect(owned).toEqual([secondReady.phoneNumber.e164]);
  }, 60_000);

  it("checkout is for the trial's owner; a double click opens one session", async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const stranger = await signInAs(t, 'stranger@example.com');
    const trialId = await seedTrial(t, owner.userId);
    const theirs = await stranger.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter', trialId } });
    expect(theirs.status).toBe(404);
    expect((await theirs.json()).code).toBe('BILLING.TRIAL_NOT_FOUND');
    const [a, b] = await Promise.all([1, 2].map(() => owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter', trialId } })));
    expect((await a.json()).id).toBe((await b.json()).id);
    const bad = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'enterprise' } });
    expect(bad.status).toBe(400);
    expect((await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter' }, csrf: false })).status).toBe(403);
  });

  it('the portal is for owners; cancelling there makes callers hear the fallback', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const member = await signInAs(t, 'member@example.com');
    const { businessId } = await goLive(owner, 'pro');
    await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    await addMember(t, businessId, member.userId, 'member');

    expect((await member.request('/v1/billing/portal-sessions', { method: 'POST', json: { businessId } })).status).toBe(403);
    const portal = await owner.request('/v1/billing/portal-sessions', { method: 'POST', json: { businessId } });
    expect(portal.status).toBe(201);
    const { url } = await portal.json();
    const customerId = decodeURIComponent(url.split('/sandbox/portal/')[1]);
    const view = await (await t.request(`/v1/sandbox/portal/${customerId}`)).json();
    expect(view).toMatchObject({ subscription: { plan: 'pro', status: 'active' }, returnUrl: `${t.baseUrl}/app/businesses/${businessId}/billing` });

    const changed = await (await t.request(`/v1/sandbox/portal/${customerId}/change-plan`, { method: 'POST', json: { plan: 'starter' } })).json();
    expect(changed.deliveries[0].status).toBe(200);
    await eventually(() => overview(owner, businessId), (o) => o.plan === 'starter' && o.callsIncluded === 100, 10_000);

    await t.request(`/v1/sandbox/portal/${customerId}/cancel`, { method: 'POST', json: {} });
    const canceled = await eventually(() => overview(owner, businessId), (o) => o.status === 'canceled', 10_000);
    expect(canceled.callsPausedReason).toBe('canceled');
    const placed = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: canceled.phoneNumber.e164, from: '+13125550142' } })).json();
    expect(placed.answeredWith).toBe('transient');
    expect(placed.firstMessage).toContain('take a message');
    const call = await eventually(
      async () => (await t.db.query(`SELECT status, inbound_route FROM calls WHERE vapi_call_id = $1`, [placed.providerCallId]))[0],
      (c) => c?.status === 'completed',
      20_000,
    );
    expect(call).toEqual({ status: 'completed', inbound_route: 'fallback' });
    expect((await overview(owner, businessId)).callsUsedThisPeriod).toBe(0);
  }, 90_000);

  it('cancelling at the period’s end keeps the service until then and says so; owners resume it', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const member = await signInAs(t, 'member@example.com');
    const { businessId } = await goLive(owner);
    await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    await addMember(t, businessId, member.userId, 'member');
    const { url } = await (await owner.request('/v1/billing/portal-sessions', { method: 'POST', json: { businessId } })).json();
    const customerId = decodeURIComponent(url.split('/sandbox/portal/')[1]);
    expect((await overview(owner, businessId)).cancelAtPeriodEnd).toBe(false);

    const cancel = await (await t.request(`/v1/sandbox/portal/${customerId}/cancel`, { method: 'POST', json: { atPeriodEnd: true } })).json();
    expect(cancel.deliveries.map((d: { type: string; status: number }) => [d.type, d.status])).toEqual([['customer.subscription.updated', 200]]);
    const ending = await eventually(() => overview(owner, businessId), (o) => o.cancelAtPeriodEnd === true, 10_000);
    // Still active until the period's end: callers reach the assistant.
    expect(ending).toMatchObject({ status: 'active', callsPausedReason: null });
    expect(ending.currentPeriodEnd).not.toBeNull();
    const placed = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: ending.phoneNumber.e164, from: '+13125550142' } })).json();
    expect(placed.answeredWith).toBe('assistant');
    // The call is answered and reported like any other (and is over before the next test starts).
    await eventually(
      async () => (await t.db.query(`SELECT status FROM calls WHERE vapi_call_id = $1`, [placed.providerCallId]))[0],
      (c) => c?.status === 'completed',
      20_000,
    );

    const url2 = `/v1/businesses/${businessId}/subscription/resume`;
    const refused = await member.request(url2, { method: 'POST' });
    expect(refused.status).toBe(403);
    const resumed = await owner.request(url2, { method: 'POST' });
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toEqual({ cancelAtPeriodEnd: false, currentPeriodEnd: ending.currentPeriodEnd });
    expect((await overview(owner, businessId)).cancelAtPeriodEnd).toBe(false);
    // The sandbox's Stripe agrees, and its event (sent by the resume) changes nothing more.
    const view = await (await t.request(`/v1/sandbox/portal/${customerId}`)).json();
    expect(view.subscription).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
    await quiet(t);
    expect(await overview(owner, businessId)).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });

    // Cancelled at once: over, and nothing to resume.
    await t.request(`/v1/sandbox/portal/${customerId}/cancel`, { method: 'POST', json: {} });
    await eventually(() => overview(owner, businessId), (o) => o.status === 'canceled', 10_000);
    const over = await owner.request(url2, { method: 'POST' });
    expect(over.status).toBe(409);
    expect((await over.json()).code).toBe('BILLING.NO_SUBSCRIPTION');
  }, 90_000);

  it('a plan change shows its price and proration first (the sandbox prorates like Stripe), then charges exactly that', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const member = await signInAs(t, 'member@example.com');
    const { businessId } = await goLive(owner);
    const ready = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    await addMember(t, businessId, member.userId, 'member');
    // One call used this period: the proration's invoice must not start a new period.
    const placed = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: ready.phoneNumber.e164, from: '+13125550142' } })).json();
    expect(placed.answeredWith).toBe('assistant');
    await eventually(() => overview(owner, businessId), (o) => o.callsUsedThisPeriod === 1, 10_000);
    const url = `/v1/businesses/${businessId}/subscription/plan-change`;

    expect((await member.request(`${url}?plan=pro`)).status).toBe(403);
    const bad = await owner.request(`${url}?plan=platinum`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('VALIDATION.FAILED');
    const same = await owner.request(`${url}?plan=starter`);
    expect(same.status).toBe(409);
    expect((await same.json()).code).toBe('BILLING.SAME_PLAN');

    const shown = await owner.request(`${url}?plan=pro`);
    expect(shown.status).toBe(200);
    const preview = await shown.json();
    // Hand-computed by Stripe's rule from the sandbox subscription's period: the unused share of the
    // period of $99 credited, of $299 charged, each rounded to the cent. Seconds into a month, almost
    // all of it is unused: about −$99 + $299 = $200.
    const [row] = await t.db.query(`SELECT stripe_subscription_id FROM businesses WHERE id = $1`, [businessId]);
    const sub = JSON.parse((await t.app.get(RedisService).client.get(`sandbox:stripe:subscription:${row.stripe_subscription_id}`))!);
    const unused = (sub.currentPeriodEnd - preview.prorationDate) / (sub.currentPeriodEnd - sub.currentPeriodStart);
    const net = -Math.round(9900 * unused) + Math.round(29900 * unused);
    expect(net).toBeGreaterThan(19_900);
    expect(net).toBeLessThanOrEqual(20_000);
    expect(preview).toEqual({
      currentPlan: 'starter',
      plan: 'pro',
      currency: 'usd',
      newPrice: 29_900,
      prorationAmount: net,
      amountDueNow: net,
      nextInvoiceAmount: 29_900,
      nextInvoiceDate: ready.currentPeriodEnd,
      prorationDate: expect.any(Number),
    });
    expect(Math.abs(preview.prorationDate * 1000 - Date.now())).toBeLessThan(10_000);
    // Nothing changed by looking.
    expect((await overview(owner, businessId)).plan).toBe('starter');

    const stale = await owner.request(url, { method: 'POST', json: { plan: 'pro', prorationDate: preview.prorationDate - 2 * 3600 } });
    expect(stale.status).toBe(409);
    expect((await stale.json()).code).toBe('BILLING.PREVIEW_EXPIRED');
    expect((await member.request(url, { method: 'POST', json: { plan: 'pro', prorationDate: preview.prorationDate } })).status).toBe(403);
    const notANumber = await owner.request(url, { method: 'POST', json: { plan: 'pro', prorationDate: 'soon' } });
    expect(notANumber.status).toBe(400);

    const changed = await owner.request(url, { method: 'POST', json: { plan: 'pro', prorationDate: preview.prorationDate } });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ plan: 'pro', amountDueNow: net, currentPeriodEnd: ready.currentPeriodEnd });
    const pro = await eventually(() => overview(owner, businessId), (o) => o.plan === 'pro', 10_000);
    expect(pro).toMatchObject({ plan: 'pro', callsIncluded: 500, status: 'active', currentPeriodEnd: ready.currentPeriodEnd });
    // The proration's invoice, paid, is what was shown; and it reset no usage.
    const invoices = await eventually(
      () => t.db.query(`SELECT amount_paid_cents FROM business_invoices WHERE business_id = $1 ORDER BY paid_at, created_at`, [businessId]),
      (rows: { amount_paid_cents: number }[]) => rows.length === 2,
      10_000,
    );
    expect(invoices.map((i: { amount_paid_cents: number }) => i.amount_paid_cents)).toEqual([9900, net]);
    // The sandbox call runs on after its answer: let it end here, or its late events find the next
    // test's emptied tables and stay pending, waiting for a call that is gone.
    await eventually(
      () => t.db.query(`SELECT status FROM calls WHERE business_id = $1`, [businessId]),
      (rows: { status: string }[]) => rows.length === 1 && (rows[0].status === 'completed' || rows[0].status === 'failed'),
      30_000,
    );
    await quiet(t);
    expect((await overview(owner, businessId)).callsUsedThisPeriod).toBe(1);
    // Asked again, the same change is refused as a no-op.
    expect((await (await owner.request(`${url}?plan=pro`)).json()).code).toBe('BILLING.SAME_PLAN');
  }, 90_000);

  it('a canceled business subscribes again from Billing (owners) and is active with the same number once paid', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const member = await signInAs(t, 'member@example.com');
    const { businessId, trialId } = await goLive(owner);
    const ready = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    await addMember(t, businessId, member.userId, 'member');
    const number = ready.phoneNumber.e164;
    const { url: portal } = await (await owner.request('/v1/billing/portal-sessions', { method: 'POST', json: { businessId } })).json();
    const customerId = decodeURIComponent(portal.split('/sandbox/portal/')[1]);

    // Still subscribed: nothing to subscribe again.
    const early = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', businessId } });
    expect(early.status).toBe(409);
    expect((await early.json()).code).toBe('BILLING.SUBSCRIPTION_ACTIVE');

    await t.request(`/v1/sandbox/portal/${customerId}/cancel`, { method: 'POST', json: {} });
    await eventually(() => overview(owner, businessId), (o) => o.status === 'canceled', 10_000);
    const fallback = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: number, from: '+13125550142' } })).json();
    expect(fallback.answeredWith).not.toBe('assistant');

    expect((await member.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', businessId } })).status).toBe(403);
    const stranger = await signInAs(t, 'stranger@example.com');
    expect((await stranger.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', businessId } })).status).toBe(404);
    const both = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', businessId, trialId } });
    expect(both.status).toBe(400);
    expect((await both.json()).code).toBe('VALIDATION.FAILED');

    const created = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', businessId } });
    expect(created.status).toBe(201);
    const { id: sessionId } = await created.json();
    // A double click opens the same checkout.
    expect((await (await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'pro', businessId } })).json()).id).toBe(sessionId);
    const checkout = await (await t.request(`/v1/sandbox/checkout-sessions/${sessionId}`)).json();
    expect(checkout).toMatchObject({ plan: 'pro', cancelUrl: `${t.baseUrl}/app/businesses/${businessId}/billing` });
    const paid = await (await t.request(`/v1/sandbox/checkout-sessions/${sessionId}/pay`, { method: 'POST' })).json();
    expect(paid.deliveries.map((d: { status: number }) => d.status)).toEqual([200, 200, 200]);

    // The success page finds the same business.
    const status = await eventually(async () => (await owner.request(`/v1/billing/checkout-sessions/${sessionId}`)).json(), (s) => s.status === 'complete', 15_000);
    expect(status.businessId).toBe(businessId);
    const back = await eventually(() => overview(owner, businessId), (o) => o.status === 'active', 10_000);
    expect(back).toMatchObject({ status: 'active', plan: 'pro', callsIncluded: 500, callsUsedThisPeriod: 0, cancelAtPeriodEnd: false, callsPausedReason: null, phoneNumber: { e164: number, status: 'active' } });
    await quiet(t);
    expect((await overview(owner, businessId)).provisioning.status).toBe('done');
    // Same Stripe customer, a new subscription; one business, one number, and callers reach the assistant again.
    const [row] = await t.db.query(`SELECT stripe_customer_id, stripe_subscription_id FROM businesses WHERE id = $1`, [businessId]);
    expect(row.stripe_customer_id).toBe(customerId);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM businesses b JOIN business_members m ON m.business_id = b.id WHERE m.user_id = $1`, [owner.userId]);
    expect(count).toBe(1);
    const numbers = await t.db.query(`SELECT e164 FROM phone_numbers WHERE business_id = $1`, [businessId]);
    expect(numbers.map((n: { e164: string }) => n.e164)).toEqual([number]);
    const answered = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: number, from: '+13125550143' } })).json();
    expect(answered.answeredWith).toBe('assistant');
    const view = await (await t.request(`/v1/sandbox/portal/${customerId}`)).json();
    expect(view.subscription).toMatchObject({ id: row.stripe_subscription_id, plan: 'pro', status: 'active' });
    // Both sandbox calls run on after their answers: let them end here, not in the next test.
    await eventually(
      () => t.db.query(`SELECT status FROM calls WHERE business_id = $1`, [businessId]),
      (rows: { status: string }[]) => rows.length === 2 && rows.every((r) => r.status === 'completed' || r.status === 'failed'),
      30_000,
    );
    await quiet(t);
  }, 90_000);

  it('"Hear your agent": the assistant calls the owner’s verified phone from the business’s number — owners only, 3 an hour, not counted against the plan', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const member = await signInAs(t, 'member@example.com');
    const coOwner = await signInAs(t, 'co-owner@example.com');
    const { businessId } = await goLive(owner);
    const ready = await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    await addMember(t, businessId, member.userId, 'member');
    await addMember(t, businessId, coOwner.userId, 'owner');
    const url = `/v1/businesses/${businessId}/test-calls`;

    expect((await member.request(url, { method: 'POST' })).status).toBe(403);
    // An owner with no phone verified in this business's trial: nothing to call.
    const unverified = await coOwner.request(url, { method: 'POST' });
    expect(unverified.status).toBe(409);
    expect((await unverified.json()).code).toBe('BUSINESSES.NO_VERIFIED_PHONE');

    const placed = await owner.request(url, { method: 'POST' });
    expect(placed.status).toBe(202);
    const { callId, to, from } = await placed.json();
    expect({ to, from }).toEqual({ to: '+13035550123', from: ready.phoneNumber.e164 });
    // The sandbox rings, talks and ends it through signed webhooks, like any call.
    const ended = await eventually(async () => (await owner.request(`/v1/calls/${callId}`)).json(), (c) => c.status === 'completed', 20_000);
    expect(ended).toMatchObject({ id: callId, direction: 'outbound_test' });
    expect(ended.transcript.length).toBeGreaterThan(0);
    expect(ended.transcript[0]).toMatchObject({ speaker: 'assistant', text: expect.stringContaining('calling because you asked to hear me') });
    const list = await (await owner.request(`/v1/businesses/${businessId}/calls?direction=outbound_test`)).json();
    expect(list.items.map((c: { id: string; direction: string }) => [c.id, c.direction])).toEqual([[callId, 'outbound_test']]);
    // Not the plan's: no call used, no lead made.
    expect((await overview(owner, businessId)).callsUsedThisPeriod).toBe(0);
    const [{ count: leads }] = await t.db.query(`SELECT count(*)::int AS count FROM leads WHERE business_id = $1`, [businessId]);
    expect(leads).toBe(0);

    expect((await owner.request(url, { method: 'POST' })).status).toBe(202);
    expect((await owner.request(url, { method: 'POST' })).status).toBe(202);
    const fourth = await owner.request(url, { method: 'POST' });
    expect(fourth.status).toBe(429);
    expect((await fourth.json()).code).toBe('RATE_LIMITED');
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Three placed, each rung, talked and ended by the sandbox; the refused fourth placed nothing.
    const testCalls = await eventually(
      () => t.db.query(`SELECT status FROM calls WHERE business_id = $1 AND direction = 'outbound_test'`, [businessId]),
      (rows: { status: string }[]) => rows.every((r) => r.status === 'completed' || r.status === 'failed'),
      60_000,
    );
    expect(testCalls).toHaveLength(3);
    await quiet(t, 40_000);
    expect((await overview(owner, businessId)).callsUsedThisPeriod).toBe(0);
  }, 90_000);

  it('owners change the assistant’s settings, which change the assistant at the provider', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const member = await signInAs(t, 'member@example.com');
    const { businessId } = await goLive(owner);
    await eventually(() => overview(owner, businessId), (o) => o.provisioning?.status === 'done', 20_000);
    await addMember(t, businessId, member.userId, 'member');

    expect((await member.request(`/v1/businesses/${businessId}/assistant`, { method: 'PATCH', json: { hours: '9-5' } })).status).toBe(403);
    const res = await owner.request(`/v1/businesses/${businessId}/assistant`, {
      method: 'PATCH',
      json: { businessName: 'Northside Air', hours: 'Mon–Fri 8 am–6 pm' },
    });
    expect(res.status).toBe(200);
    const settings = await res.json();
    expect(settings).toEqual({ businessName: 'Northside Air', hours: 'Mon–Fri 8 am–6 pm', greeting: expect.stringContaining('Thanks for calling Northside Air') });
    const [{ vapi_assistant_id: assistantId, name }] = await t.db.query(`SELECT vapi_assistant_id, name FROM businesses WHERE id = $1`, [businessId]);
    expect(name).toBe('Northside Air');
    const assistant = await t.app.get(VapiSandbox).getAssistant(assistantId);
    expect(assistant?.spec.firstMessage).toBe(settings.greeting);
    expect(assistant?.spec.systemPrompt).toContain('Opening hours: Mon–Fri 8 am–6 pm');

    const greeting = await (await owner.request(`/v1/businesses/${businessId}/assistant`, { method: 'PATCH', json: { greeting: 'Northside Air, how can we help?' } })).json();
    expect(greeting).toMatchObject({ greeting: 'Northside Air, how can we help?', hours: 'Mon–Fri 8 am–6 pm' });
    expect((await owner.request(`/v1/businesses/${businessId}/assistant`, { method: 'PATCH', json: { greeting: 'x'.repeat(401) } })).status).toBe(400);
  }, 60_000);

  it('lists calls newest first with filters and a stable cursor', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const [business] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ('Cool Air', 'starter', 100) RETURNING id`);
    await addMember(t, business.id, owner.userId, 'owner');
    const [other] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ('Other', 'starter', 100) RETURNING id`);
    // 30 calls, 1 minute apart (two in the same microsecond-free instant to test the tie-break on id).
    const base = Date.parse('2026-02-01T12:00:00Z');
    for (let i = 0; i < 30; i++) {
      await t.db.query(
        `INSERT INTO calls (business_id, direction, status, to_e164, from_e164, created_at, summary, extracted_lead)
         VALUES ($1, $2, $3, '+14155550100', '+13125550142', $4, $5, $6::jsonb)`,
        [business.id, i % 3 === 0 ? 'outbound_lead' : 'inbound', i % 2 === 0 ? 'completed' : 'failed', new Date(base + Math.floor(i / 2) * 60_000), `call ${i}`, JSON.stringify({ name: `Caller ${i}` })],
      );
    }
    await t.db.query(`INSERT INTO calls (business_id, direction, to_e164, created_at) VALUES ($1, 'inbound', '+1', $2)`, [other.id, new Date(base)]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await owner.request(`/v1/businesses/${business.id}/calls?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = await res.json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);

    const all = (await (await owner.request(`/v1/businesses/${business.id}/calls?limit=100`)).json()).items;
    const times = all.map((c: { createdAt: string }) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ callerName: expect.stringMatching(/^Caller /), summary: expect.stringMatching(/^call /) });

    const inboundFailed = (await (await owner.request(`/v1/businesses/${business.id}/calls?direction=inbound&status=failed&limit=100`)).json()).items;
    expect(inboundFailed.length).toBeGreaterThan(0);
    expect(inboundFailed.every((c: { direction: string; status: string }) => c.direction === 'inbound' && c.status === 'failed')).toBe(true);

    const from = new Date(base + 5 * 60_000).toISOString();
    const to = new Date(base + 10 * 60_000).toISOString();
    const ranged = (await (await owner.request(`/v1/businesses/${business.id}/calls?from=${from}&to=${to}&limit=100`)).json()).items;
    expect(ranged).toHaveLength(10);
    expect(ranged.every((c: { createdAt: string }) => c.createdAt >= from && c.createdAt < to)).toBe(true);

    expect((await owner.request(`/v1/businesses/${business.id}/calls?from=${to}&to=${from}`)).status).toBe(400);
    expect((await (await owner.request(`/v1/businesses/${business.id}/calls?cursor=nope`)).json()).code).toBe('PAGINATION.INVALID_CURSOR');
    expect((await owner.request(`/v1/businesses/${business.id}/calls?status=exploded`)).status).toBe(400);
    expect((await owner.request(`/v1/businesses/${other.id}/calls`)).status).toBe(404);
  });

  it('owners invite members by email with a sign-in link, and remove them; the last owner stays', async () => {
    const owner = await signInAs(t, 'owner@example.com');
    const [business] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ('Cool Air', 'starter', 100) RETURNING id`);
    await addMember(t, business.id, owner.userId, 'owner');

    const invited = await owner.request(`/v1/businesses/${business.id}/members`, { method: 'POST', json: { email: ' Dana@CoolAir.example ' } });
    expect(invited.status).toBe(201);
    const dana = await invited.json();
    expect(dana).toMatchObject({ email: 'dana@coolair.example', role: 'member' });
    const [mail] = await inbox(t, 'dana@coolair.example');
    expect(mail.subject).toBe("You've been added to Cool Air on Beaker");
    expect(mail.text).toContain(`next=${encodeURIComponent(`/app/businesses/${business.id}`)}`);

    // The link signs Dana in, and Dana sees the business.
    const session = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: tokenFrom(mail) } });
    expect(session.status).toBe(201);
    expect((await session.json()).user.businesses).toEqual([{ id: business.id, name: 'Cool Air', role: 'member' }]);

    expect((await owner.request(`/v1/businesses/${business.id}/members`, { method: 'POST', json: { email: 'dana@coolair.example' } })).status).toBe(409);
    const list = await (await owner.request(`/v1/businesses/${business.id}/members`)).json();
    expect(list.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['dana@coolair.example', 'member'],
    ]);

    const danaClient = await signInAs(t, 'dana@coolair.example');
    expect((await danaClient.request(`/v1/businesses/${business.id}/members`, { method: 'POST', json: { email: 'x@example.com' } })).status).toBe(403);
    expect((await owner.request(`/v1/businesses/${business.id}/members/${owner.userId}`, { method: 'DELETE' })).status).toBe(409);
    expect((await owner.request(`/v1/businesses/${business.id}/members/${randomUUID()}`, { method: 'DELETE' })).status).toBe(404);
    expect((await owner.request(`/v1/businesses/${business.id}/members/${dana.userId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await danaClient.request(`/v1/businesses/${business.id}/overview`)).status).toBe(404);
  });
});
