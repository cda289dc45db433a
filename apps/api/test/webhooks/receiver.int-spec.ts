import { createHash, randomUUID } from 'node:crypto';
import { resetState, startApp, TestApp, TestResponse } from '../harness';
import { signStripePayload } from '../../src/integrations/stripe/stripe.webhook-signature';
import { signTwilioRequest } from '../../src/integrations/twilio/twilio.webhook-signature';
import { signVapiPayload } from '../../src/integrations/vapi/vapi.signature';
import {
  deliverStripe,
  deliverTwilio,
  deliverVapi,
  eventRows,
  stripeEvent,
  twilioForm,
  vapiStatusUpdate,
  webhookJobIds,
} from './webhook-deliveries';

/** Receiving: verify, store durably, enqueue once. Workers are off, so the jobs stay in the queue to be counted. */
describe('webhook receiver', () => {
  let t: TestApp;
  const PUBLIC_URL = 'https://hooks.beaker.example';

  beforeAll(async () => {
    // The public URL differs from the address the test talks to, as behind a proxy.
    t = await startApp({ env: { APP_URL: PUBLIC_URL } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  async function expectRefused(res: TestResponse) {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('WEBHOOKS.INVALID_SIGNATURE');
  }

  async function expectOneRowOneJob(provider: string) {
    const rows = await eventRows(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider, status: 'pending', attempts: 0 });
    expect(await webhookJobIds(t)).toEqual([rows[0].id]);
    return rows[0];
  }

  describe('stripe', () => {
    it('stores a valid event once and enqueues one job keyed by the row id', async () => {
      const event = stripeEvent('customer.subscription.updated');
      const res = await deliverStripe(t, event);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ received: true, duplicate: false });
      const row = await expectOneRowOneJob('stripe');
      expect(row).toMatchObject({ event_id: event.id, event_type: 'customer.subscription.updated', payload: event });
    });

    it('answers a duplicate 200 without a second row or job', async () => {
      const event = stripeEvent();
      expect((await deliverStripe(t, event)).status).toBe(200);
      const again = await deliverStripe(t, event);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ received: true, duplicate: true });
      await expectOneRowOneJob('stripe');
    });

    it('refuses forged, tampered, expired and unsigned deliveries, storing nothing', async () => {
      const event = stripeEvent();
      const body = JSON.stringify(event);
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(await deliverStripe(t, event, { secret: 'whsec_forged' }));
      await expectRefused(await deliverStripe(t, event, { body: body.replace('in_123', 'in_999'), header: signStripePayload(t.config.env.STRIPE_WEBHOOK_SECRET, body, now) }));
      await expectRefused(await deliverStripe(t, event, { timestamp: now - 301 }));
      await expectRefused(await deliverStripe(t, event, { header: null }));
      await expectRefused(await deliverStripe(t, event, { header: 'garbage' }));
      expect(await eventRows(t)).toEqual([]);
      expect(await webhookJobIds(t)).toEqual([]);
    });

    it('refuses a delivery signed more than 300 s ahead of our clock (stricter than the SDK, which only looks back)', async () => {
      const event = stripeEvent();
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(await deliverStripe(t, event, { timestamp: now + 310 }));
      expect(await eventRows(t)).toEqual([]);
      expect((await deliverStripe(t, event, { timestamp: now + 60 })).status).toBe(200);
      await expectOneRowOneJob('stripe');
    });

    it('keeps malformed JSON under a valid signature as failed, answers 400, enqueues nothing', async () => {
      const res = await deliverStripe(t, null, { body: '{"id": "evt_broken", "type": ' });
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('WEBHOOKS.MALFORMED_PAYLOAD');
      const rows = await eventRows(t);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ provider: 'stripe', status: 'failed', event_type: 'malformed', payload: { malformedBody: '{"id": "evt_broken", "type": ' } });
      expect(rows[0].event_id).toMatch(/^malformed:sha256:[0-9a-f]{64}$/);
      expect(rows[0].last_error).toContain('not valid JSON');
      expect(await webhookJobIds(t)).toEqual([]);
    });

    it('keeps a signed event that jsonb cannot store (\\u0000) as failed, with its text, without refusing its neighbours', async () => {
      const odd = { ...(stripeEvent() as { id: string }), note: 'nul \u0000 here' };
      const fine = stripeEvent() as { id: string };
      const [a, b] = await Promise.all([deliverStripe(t, odd), deliverStripe(t, fine)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const rows = await eventRows(t);
      const stored = rows.find((r) => r.event_id === odd.id)!;
      expect(stored).toMatchObject({ status: 'failed', payload: { unstorableJson: expect.stringContaining('nul') } });
      expect(stored.last_error).toContain('cannot be stored as jsonb');
      expect(rows.find((r) => r.event_id === fine.id)).toMatchObject({ status: 'pending' });
      expect(await webhookJobIds(t)).toEqual([rows.find((r) => r.event_id === fine.id)!.id]);
    });

    it('answers 413 to a body over 1 MB, before verifying or storing', async () => {
      const event = { ...stripeEvent(), padding: 'x'.repeat(1024 * 1024) };
      const res = await deliverStripe(t, event);
      expect(res.status).toBe(413);
      expect((await res.json()).code).toBe('REQUEST.PAYLOAD_TOO_LARGE');
      expect(await eventRows(t)).toEqual([]);
    });

    it('answers 413 to a chunked body that grows over 1 MB (no Content-Length to go by)', async () => {
      const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ < 20) controller.enqueue(chunk);
          else controller.close();
        },
      });
      const res = await fetch(`${t.baseUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(await eventRows(t)).toEqual([]);
    });

    it('stores 50 concurrent deliveries of one event as one row and one job', async () => {
      const event = stripeEvent();
      const answers = await Promise.all(Array.from({ length: 50 }, () => deliverStripe(t, event)));
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      const bodies = await Promise.all(answers.map((r) => r.json()));
      expect(bodies.filter((b) => b.duplicate === false)).toHaveLength(1);
      await expectOneRowOneJob('stripe');
    });

    it('needs no session or CSRF token (webhooks are public, signed)', async () => {
      const res = await deliverStripe(t, stripeEvent());
      expect(res.status).toBe(200);
    });
  });

  describe('twilio', () => {
    const params = () => ({ AccountSid: 'AC1', CallSid: `CA${randomUUID().replace(/-/g, '')}`, CallStatus: 'ringing', SequenceNumber: '1', To: '+14155550123' });

    it('verifies against APP_URL (not the Host header), stores one row named CallSid:CallStatus:SequenceNumber, one job', async () => {
      const p = params();
      const res = await deliverTwilio(t, p);
      expect(res.status).toBe(200);
      const row = await expectOneRowOneJob('twilio');
      expect(row).toMatchObject({ event_id: `${p.CallSid}:ringing:1`, event_type: 'call-status', payload: p });
    });

    it('answers a duplicate 200 without a second row or job', async () => {
      const p = params();
      expect((await deliverTwilio(t, p)).status).toBe(200);
      const again = await deliverTwilio(t, p);
      expect(again.status).toBe(200);
      expect((await again.json()).duplicate).toBe(true);
      await expectOneRowOneJob('twilio');
    });

    it('refuses forged, tampered, wrong-URL and unsigned deliveries, storing nothing', async () => {
      const p = params();
      await expectRefused(await deliverTwilio(t, p, { token: 'not-the-token' }));
      await expectRefused(await deliverTwilio(t, { ...p, CallStatus: 'completed' }, { signedParams: p }));
      // Signed for the address the request really reached: what a proxy-unaware check would accept.
      await expectRefused(await deliverTwilio(t, p, { url: `${t.baseUrl}/webhooks/twilio` }));
      await expectRefused(await deliverTwilio(t, p, { signature: null }));
      expect(await eventRows(t)).toEqual([]);
      expect(await webhookJobIds(t)).toEqual([]);
    });

    it('includes the query string in the signed URL', async () => {
      const p = params();
      const path = '/webhooks/twilio?callId=abc';
      const signature = signTwilioRequest(t.config.env.TWILIO_AUTH_TOKEN, `${PUBLIC_URL}${path}`, p);
      const res = await t.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: twilioForm(p),
      });
      expect(res.status).toBe(200);
      await expectOneRowOneJob('twilio');
    });

    it('accepts the URL signed with the default port, as some Twilio products sign it', async () => {
      const p = params();
      const res = await deliverTwilio(t, p, { url: `${PUBLIC_URL.replace('.example', '.example:443')}/webhooks/twilio` });
      expect(res.status).toBe(200);
      await expectOneRowOneJob('twilio');
    });

    it('checks a JSON body against bodySHA256 in the signed URL: accepted as sent, refused when changed', async () => {
      const p = params();
      const body = JSON.stringify(p);
      const path = `/webhooks/twilio?bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
      const signature = signTwilioRequest(t.config.env.TWILIO_AUTH_TOKEN, `${PUBLIC_URL}${path}`, {});
      const send = (sent: string) => t.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-twilio-signature': signature }, body: sent });
      await expectRefused(await send(body.replace('ringing', 'completed')));
      expect(await eventRows(t)).toEqual([]);
      expect((await send(body)).status).toBe(200);
      const row = await expectOneRowOneJob('twilio');
      expect(row).toMatchObject({ event_id: `${p.CallSid}:ringing:1`, event_type: 'call-status' });
    });

    it('stores 50 concurrent deliveries of one callback as one row and one job', async () => {
      const p = params();
      const answers = await Promise.all(Array.from({ length: 50 }, () => deliverTwilio(t, p)));
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      await expectOneRowOneJob('twilio');
    });
  });

  describe('vapi', () => {
    it('stores a signed status-update as callId:type:status, one job', async () => {
      const vapiCallId = randomUUID();
      const res = await deliverVapi(t, vapiStatusUpdate(vapiCallId, 'ringing'));
      expect(res.status).toBe(200);
      const row = await expectOneRowOneJob('vapi');
      expect(row).toMatchObject({ event_id: `${vapiCallId}:status-update:ringing`, event_type: 'status-update' });
    });

    it('accepts the legacy x-vapi-secret header and refuses a wrong one', async () => {
      const message = vapiStatusUpdate(randomUUID(), 'queued');
      await expectRefused(await deliverVapi(t, message, { unsigned: true, headers: { 'x-vapi-secret': 'wrong' } }));
      expect((await deliverVapi(t, message, { unsigned: true, headers: { 'x-vapi-secret': t.config.env.VAPI_WEBHOOK_SECRET } })).status).toBe(200);
      await expectOneRowOneJob('vapi');
    });

    it('answers a duplicate 200 without a second row or job', async () => {
      const message = vapiStatusUpdate(randomUUID(), 'in-progress');
      expect((await deliverVapi(t, message)).status).toBe(200);
      expect((await deliverVapi(t, message)).status).toBe(200);
      await expectOneRowOneJob('vapi');
    });

    it('refuses forged, tampered, expired and unsigned deliveries, storing nothing', async () => {
      const message = vapiStatusUpdate(randomUUID(), 'ringing');
      const body = JSON.stringify(message);
      const ts = String(Date.now());
      await expectRefused(await deliverVapi(t, message, { secret: 'forged' }));
      await expectRefused(
        await deliverVapi(t, null, {
          body: body.replace('ringing', 'ended'),
          unsigned: true,
          headers: { 'x-vapi-signature': signVapiPayload(t.config.env.VAPI_WEBHOOK_SECRET, ts, body), 'x-vapi-timestamp': ts },
        }),
      );
      await expectRefused(await deliverVapi(t, message, { timestampMs: Date.now() - 301_000 }));
      await expectRefused(await deliverVapi(t, message, { unsigned: true }));
      expect(await eventRows(t)).toEqual([]);
      expect(await webhookJobIds(t)).toEqual([]);
    });

    it('stores 50 concurrent deliveries of one event as one row and one job', async () => {
      const message = vapiStatusUpdate(randomUUID(), 'ringing');
      const answers = await Promise.all(Array.from({ length: 50 }, () => deliverVapi(t, message)));
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      await expectOneRowOneJob('vapi');
    });
  });
});
