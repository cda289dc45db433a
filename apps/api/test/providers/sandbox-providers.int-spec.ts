import Stripe from 'stripe';
import twilio from 'twilio';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PermanentProviderError } from '../../src/integrations/providers.errors';
import { BillingPort } from '../../src/integrations/stripe/stripe.port';
import { TelephonyPort } from '../../src/integrations/twilio/twilio.port';
import { TwilioSandbox } from '../../src/integrations/sandbox/twilio/twilio.sandbox';
import { VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';
import { VAPI_SIGNATURE_HEADER, VAPI_TIMESTAMP_HEADER, verifyVapiSignature } from '../../src/integrations/vapi/vapi.signature';
import { startApp, TestApp, resetState } from '../harness';
import { CaptureServer } from './support/capture-server';
import { waitFor } from './support/breakers';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '../fixtures/stripe', `${name}.json`), 'utf8')) as Record<string, unknown>;
/** The sandbox may only send fields Stripe has. */
const unknownKeys = (object: Record<string, unknown>, sample: Record<string, unknown>) => Object.keys(object).filter((k) => !(k in sample));

/**
 * The simulators through the running app, with APP_URL pointed at a capture server standing in
 * for our webhook endpoints (the end-to-end run through the real receiver is
 * sandbox-call-through-webhooks.int-spec.ts).
 */
describe('sandbox providers', () => {
  let t: TestApp;
  let capture: CaptureServer;
  let vapi: VoiceAgentPort;
  let telephony: TelephonyPort;
  let billing: BillingPort;

  beforeAll(async () => {
    capture = await new CaptureServer().start();
    t = await startApp({ inlineWorkers: true, env: { APP_URL: capture.url, SANDBOX_CALL_STEP_MS: '40' } });
    await resetState(t);
    vapi = t.app.get(VoiceAgentPort);
    telephony = t.app.get(TelephonyPort);
    billing = t.app.get(BillingPort);
  });
  afterAll(async () => {
    await t.close();
    await capture.close();
  });

  describe('Vapi', () => {
    const assistantSpec = {
      name: 'Iron Temple assistant',
      firstMessage: 'Hi, this is the Iron Temple assistant, an AI calling on behalf of Iron Temple Gym.',
      systemPrompt: 'You book tours for Iron Temple Gym.',
      voice: { provider: '11labs', voiceId: 'sarah' },
      maxDurationSeconds: 300,
      structuredDataSchema: {},
      metadata: { industry: 'gym', scenario: 'scheduling', businessName: 'Iron Temple Gym' },
    };
    const eventsOf = (providerCallId: string) =>
      capture.to('/webhooks/vapi').filter((r) => r.json?.message?.call?.id === providerCallId);
    const kinds = (providerCallId: string) =>
      eventsOf(providerCallId).map((r) => (r.json.message.type === 'status-update' ? r.json.message.status : r.json.message.type));

    it('plays queued → ringing → in-progress → ended → end-of-call-report, each POSTed and signed', async () => {
      const { id: assistantId } = await vapi.createAssistant(assistantSpec);
      const callId = randomUUID();
      const placed = await vapi.placeCall({ assistantId, to: '+13125550142', metadata: { callId }, assistantOverrides: { variableValues: { customerName: 'Ripley Moss' } } });
      expect(placed.status).toBe('queued');
      await waitFor(() => eventsOf(placed.id).length === 5, 10_000);
      expect(kinds(placed.id)).toEqual(['queued', 'ringing', 'in-progress', 'ended', 'end-of-call-report']);

      for (const delivery of eventsOf(placed.id)) {
        expect(delivery.headers['content-type']).toBe('application/json');
        const check = verifyVapiSignature(t.config.env.VAPI_WEBHOOK_SECRET, {
          body: delivery.raw,
          signature: delivery.headers[VAPI_SIGNATURE_HEADER],
          timestamp: delivery.headers[VAPI_TIMESTAMP_HEADER],
        });
        expect(check).toEqual({ valid: true });
        expect(delivery.json.message.call.assistantOverrides.metadata.callId).toBe(callId);
      }

      const report = eventsOf(placed.id)[4].json.message;
      expect(report).toMatchObject({ endedReason: 'customer-ended-call', analysis: { successEvaluation: 'true' } });
      expect(report.artifact.transcript).toContain('Iron Temple Gym');
      expect(report.artifact.transcript).toContain('Ripley Moss');
      expect(report.analysis.structuredData).toEqual({
        name: 'Ripley Moss',
        phone: '+13125550142',
        email: 'ripley.moss@example.com',
        intent: 'Membership inquiry and a tour',
        urgency: 'low',
      });
      expect(report.costs.map((c: { type: string }) => c.type)).toEqual(['transport', 'transcriber', 'model', 'voice', 'vapi']);
      expect(report.cost).toBeCloseTo(report.costs.reduce((s: number, c: { cost: number }) => s + c.cost, 0), 4);
      expect(Date.parse(report.endedAt) - Date.parse(report.startedAt)).toBeGreaterThan(20_000);

      // The recording is served by the sandbox, playable.
      const recordingPath = new URL(report.artifact.recordingUrl).pathname;
      expect(recordingPath).toBe(`/sandbox-assets/recordings/${placed.id}.wav`);
      const wav = await t.request(recordingPath);
      expect(wav.status).toBe(200);
      expect(wav.headers.get('content-type')).toBe('audio/wav');
      expect(Buffer.from(await wav.arrayBuffer()).toString('ascii', 0, 4)).toBe('RIFF');

      const call = await vapi.getCall(placed.id);
      expect(call).toMatchObject({ id: placed.id, status: 'ended', endedReason: 'customer-ended-call', metadata: { callId } });
      expect(call!.lead?.name).toBe('Ripley Moss');
      expect(call!.transcript!.length).toBeGreaterThan(6);
    });

    it('test knob …0001: the customer does not answer', async () => {
      const { id: assistantId } = await vapi.createAssistant(assistantSpec);
      const placed = await vapi.placeCall({ assistantId, to: '+13125550001', metadata: { callId: randomUUID() } });
      await waitFor(() => eventsOf(placed.id).length === 4, 10_000);
      expect(kinds(placed.id)).toEqual(['queued', 'ringing', 'ended', 'end-of-call-report']);
      expect(eventsOf(placed.id)[3].json.message).toMatchObject({ endedReason: 'customer-did-not-answer', cost: 0 });
      expect((await t.request(`/sandbox-assets/recordings/${placed.id}.wav`)).status).toBe(404);
    });

    it('test knobs …0002 busy and …0003 failed', async () => {
      const { id: assistantId } = await vapi.createAssistant(assistantSpec);
      const busy = await vapi.placeCall({ assistantId, to: '+13125550002', metadata: { callId: randomUUID() } });
      const failed = await vapi.placeCall({ assistantId, to: '+13125550003', metadata: { callId: randomUUID() } });
      await waitFor(() => eventsOf(busy.id).length === 3 && eventsOf(failed.id).length === 3, 10_000);
      expect(eventsOf(busy.id)[2].json.message.endedReason).toBe('customer-busy');
      expect(eventsOf(failed.id)[2].json.message.endedReason).toBe('twilio-failed-to-connect-call');
    });

    it('test knob …0004: the report is never sent, and getCall answers the ended call (for reconciliation)', async () => {
      const { id: assistantId } = await vapi.createAssistant(assistantSpec);
      const placed = await vapi.placeCall({ assistantId, to: '+13125550004', metadata: { callId: randomUUID() } });
      await waitFor(() => eventsOf(placed.id).length === 4, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(kinds(placed.id)).toEqual(['queued', 'ringing', 'in-progress', 'ended']);
      const call = await vapi.getCall(placed.id);
      expect(call).toMatchObject({ status: 'ended', endedReason: 'customer-ended-call', summary: expect.stringContaining('Iron Temple Gym') });
      expect(call!.lead?.phone).toBe('+13125550004');
      expect(call!.recordingUrl).toMatch(/\.wav$/);
    });

    it('keeps assistants: update and delete; a call to an unknown assistant is refused like Vapi would', async () => {
      const { id } = await vapi.createAssistant(assistantSpec);
      await vapi.updateAssistant(id, { maxDurationSeconds: 60 });
      await vapi.deleteAssistant(id);
      const error = await vapi.placeCall({ assistantId: id, to: '+13125550142', metadata: { callId: randomUUID() } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentProviderError);
      expect(error).toMatchObject({ providerStatus: 404 });
      await expect(vapi.getCall(randomUUID())).resolves.toBeNull();
    });
  });

  describe('Twilio', () => {
    it('puts SMS in the development outbox: GET /v1/sandbox/messages?to=, newest first, paginated, public', async () => {
      await telephony.sendSms({ to: '+14155550177', body: 'Your Beaker code is 111111' });
      await telephony.sendSms({ to: '+14155550177', body: 'Your Beaker code is 222222' });
      await telephony.sendSms({ to: '+14155550188', body: 'someone else' });
      const res = await t.request('/v1/sandbox/messages?to=%2B14155550177&limit=1');
      expect(res.status).toBe(200);
      const first = await res.json();
      expect(first.items).toEqual([
        { id: expect.any(String), sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), to: '+14155550177', from: '+15005550006', body: 'Your Beaker code is 222222', sentAt: expect.any(String) },
      ]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await (await t.request(`/v1/sandbox/messages?to=%2B14155550177&limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.items.map((m: { body: string }) => m.body)).toEqual(['Your Beaker code is 111111']);
      expect(second.nextCursor).toBeNull();
      expect((await t.request('/v1/sandbox/messages?to=not-a-number')).status).toBe(400);
    });

    it('signs status callbacks the way Twilio does (X-Twilio-Signature, validated by the SDK)', async () => {
      const url = `${capture.url}/webhooks/twilio`;
      const params = { AccountSid: 'ACsandbox', CallSid: 'CA0123', CallStatus: 'ringing', To: '+14155550177' };
      await expect(t.app.get(TwilioSandbox).sendStatusCallback(url, params)).resolves.toBe(200);
      const delivery = capture.to('/webhooks/twilio').at(-1)!;
      expect(delivery.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(delivery.raw))).toEqual(params);
      expect(twilio.validateRequest(t.config.env.TWILIO_AUTH_TOKEN, String(delivery.headers['x-twilio-signature']), url, params)).toBe(true);
    });

    it('sells numbers from the fictional 555-01XX range of the area code; buying twice fails; releasing frees it', async () => {
      const [offered] = await telephony.searchAvailableNumbers({ areaCode: '312', country: 'US', limit: 3 });
      expect(offered.e164).toMatch(/^\+131255501\d\d$/);
      const bought = await telephony.buyNumber({ e164: offered.e164, friendlyName: 'Iron Temple Gym' });
      expect(bought).toEqual({ sid: expect.stringMatching(/^PN[0-9a-f]{32}$/), e164: offered.e164 });
      expect((await telephony.searchAvailableNumbers({ areaCode: '312', country: 'US', limit: 3 })).map((n) => n.e164)).not.toContain(offered.e164);
      await expect(telephony.buyNumber({ e164: offered.e164 })).rejects.toMatchObject({ providerStatus: 400, providerCode: '21422' });
      await expect(telephony.buyNumber({ e164: '+13125551234' })).rejects.toBeInstanceOf(PermanentProviderError);
      await telephony.releaseNumber(bought.sid);
      expect((await telephony.searchAvailableNumbers({ areaCode: '312', country: 'US', limit: 3 }))[0].e164).toBe(offered.e164);
    });
  });

  describe('Stripe', () => {
    const stripe = new Stripe('sk_test_unused');
    const events = () => capture.to('/webhooks/stripe');

    it('checkout → sandbox page → pay sends three signed events shaped like Stripe\'s; the portal cancels and changes plans', async () => {
      const request = {
        plan: 'pro' as const,
        customerEmail: 'owner@irontemple.example',
        clientReferenceId: randomUUID(),
        metadata: { trialId: randomUUID() },
        successUrl: `${capture.url}/billing/success?session={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${capture.url}/billing/cancel`,
        idempotencyKey: `checkout-${randomUUID()}`,
      };
      const session = await billing.createCheckoutSession(request);
      expect(session.url).toBe(`${capture.url}/sandbox/checkout/${session.id}`);
      await expect(billing.createCheckoutSession(request)).resolves.toEqual(session);

      const page = await (await t.request(`/v1/sandbox/checkout-sessions/${session.id}`)).json();
      expect(page).toMatchObject({ id: session.id, plan: 'pro', planName: 'Pro', amountTotal: 29900, currency: 'usd', customerEmail: request.customerEmail, status: 'open' });

      const before = events().length;
      const paid = await t.request(`/v1/sandbox/checkout-sessions/${session.id}/pay`, { method: 'POST' });
      expect(paid.status).toBe(200);
      const result = await paid.json();
      expect(result.redirectUrl).toBe(`${capture.url}/billing/success?session=${session.id}`);
      expect(result.deliveries.map((d: { type: string; status: number }) => [d.type, d.status])).toEqual([
        ['checkout.session.completed', 200],
        ['customer.subscription.created', 200],
        ['invoice.paid', 200],
      ]);
      const [completed, created, invoicePaid] = events()
        .slice(before)
        .map((r) => stripe.webhooks.constructEvent(r.raw, String(r.headers['stripe-signature']), t.config.env.STRIPE_WEBHOOK_SECRET));
      const checkout = completed.data.object as unknown as Record<string, unknown>;
      expect(checkout).toMatchObject({
        id: session.id,
        object: 'checkout.session',
        mode: 'subscription',
        status: 'complete',
        payment_status: 'paid',
        client_reference_id: request.clientReferenceId,
        customer_email: request.customerEmail,
        metadata: { ...request.metadata, plan: 'pro' },
        amount_total: 29900,
      });
      const subscription = created.data.object as unknown as Stripe.Subscription;
      expect(checkout.customer).toBe(subscription.customer);
      expect(checkout.subscription).toBe(subscription.id);
      expect(subscription.items.data[0].price.id).toBe(t.config.env.STRIPE_PRICE_PRO);
      expect(subscription.status).toBe('active');
      expect((invoicePaid.data.object as unknown as Record<string, unknown>).subscription).toBe(subscription.id);

      // Only fields Stripe has.
      expect(unknownKeys(completed as unknown as Record<string, unknown>, fixture('event'))).toEqual([]);
      expect(unknownKeys(checkout, fixture('checkout.session'))).toEqual([]);
      expect(unknownKeys(subscription as unknown as Record<string, unknown>, fixture('subscription'))).toEqual([]);
      expect(unknownKeys(invoicePaid.data.object as unknown as Record<string, unknown>, fixture('invoice'))).toEqual([]);

      expect((await t.request(`/v1/sandbox/checkout-sessions/${session.id}/pay`, { method: 'POST' })).status).toBe(409);
      await expect(billing.getSubscription(subscription.id)).resolves.toMatchObject({ status: 'active', plan: 'pro', customerId: subscription.customer });

      const portal = await billing.createPortalSession({ customerId: String(subscription.customer), returnUrl: `${capture.url}/billing` });
      expect(portal.url).toBe(`${capture.url}/sandbox/portal/${subscription.customer}`);
      expect(await (await t.request(`/v1/sandbox/portal/${subscription.customer}`)).json()).toMatchObject({
        email: request.customerEmail,
        subscription: { id: subscription.id, plan: 'pro', status: 'active' },
        returnUrl: `${capture.url}/billing`,
      });

      const changed = await t.request(`/v1/sandbox/portal/${subscription.customer}/change-plan`, { method: 'POST', json: { plan: 'starter' } });
      expect(changed.status).toBe(200);
      const updated = stripe.webhooks.constructEvent(events().at(-1)!.raw, String(events().at(-1)!.headers['stripe-signature']), t.config.env.STRIPE_WEBHOOK_SECRET);
      expect(updated.type).toBe('customer.subscription.updated');
      expect((updated.data.object as Stripe.Subscription).items.data[0].price.id).toBe(t.config.env.STRIPE_PRICE_STARTER);
      expect(updated.data.previous_attributes).toHaveProperty('items');
      await expect(billing.getSubscription(subscription.id)).resolves.toMatchObject({ plan: 'starter' });

      const canceled = await t.request(`/v1/sandbox/portal/${subscription.customer}/cancel`, { method: 'POST', json: {} });
      expect(canceled.status).toBe(200);
      expect(events().at(-1)!.json.type).toBe('customer.subscription.deleted');
      await expect(billing.getSubscription(subscription.id)).resolves.toMatchObject({ status: 'canceled' });
      expect((await t.request(`/v1/sandbox/portal/${subscription.customer}/cancel`, { method: 'POST', json: {} })).status).toBe(409);
      expect((await t.request(`/v1/sandbox/portal/${subscription.customer}/change-plan`, { method: 'POST', json: { plan: 'gold' } })).status).toBe(400);
    });

    it('answers 404 for unknown sandbox sessions and customers', async () => {
      expect((await t.request('/v1/sandbox/checkout-sessions/cs_test_nope')).status).toBe(404);
      expect((await t.request('/v1/sandbox/portal/cus_nope')).status).toBe(404);
    });
  });
});
