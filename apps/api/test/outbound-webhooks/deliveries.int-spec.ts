import { JobName } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { OutboundWebhooksRetention } from '../../src/modules/outbound-webhooks/outbound-webhooks-retention.service';
import { inbox } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { consentOf, leadReaches, leadsSettled, liveBusiness, pushLead, type LiveBusiness } from '../leads/leads.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { createEndpoint, deliveryLog, endpointPath, receivedCount, sendTestEvent, signaturesIn, sweepDue, verifySignature } from './outbound-webhooks.factory';
import { WebhookReceiver } from './receiver';

const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Deliveries to a local receiver: what is sent, how it is signed, retried, logged, replayed; the 5-day disable; rotation. */
describe('outbound webhooks: deliveries', () => {
  let t: TestApp;
  let b: LiveBusiness;
  const receiver = new WebhookReceiver();
  const nowSeconds = () => Math.floor(t.clock!.now().getTime() / 1000);

  beforeAll(async () => {
    await receiver.start();
    t = await startApp({ clockAt: NOON_MIAMI, inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '20', WEBHOOK_TIMEOUT_MS: '500' } });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    t.clock!.set(NOON_MIAMI);
    await resetState(t);
    receiver.clear();
    receiver.behaviour = { status: 200, body: 'ok' };
    b = await liveBusiness(t);
  });
  afterEach(async () => leadsSettled(t));

  it('a lead pushed by the API reaches the receiver as lead.created, then lead.called and call.completed, each signed and verifiable', async () => {
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    const pushed = await (await pushLead(t, b.key, { phone: '+13055550123', name: 'Jordan Lee', consent: consentOf(t) })).json();
    await leadReaches(t, pushed.id, ['called']);
    await receivedCount(receiver, 3);
    const events = receiver.events();
    expect(events.map((e) => e.type).sort()).toEqual(['call.completed', 'lead.called', 'lead.created']);
    for (const [i, event] of events.entries()) {
      expect(event).toEqual({ id: expect.any(String), type: expect.any(String), created: expect.any(String), apiVersion: '2026-12-01', data: expect.any(Object) });
      const r = receiver.received[i];
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['beaker-event-id']).toBe(event.id);
      expect(r.headers['beaker-event-type']).toBe(event.type);
      expect(verifySignature(r.headers['beaker-signature'] as string, r.body, endpoint.secret, nowSeconds())).toBe(true);
      // Any change to the body, or another secret, fails the check.
      expect(verifySignature(r.headers['beaker-signature'] as string, r.body.replace('"data"', '"Data"'), endpoint.secret, nowSeconds())).toBe(false);
      expect(verifySignature(r.headers['beaker-signature'] as string, r.body, 'whsec_someone_else', nowSeconds())).toBe(false);
      expect(signaturesIn(r.headers['beaker-signature'] as string)).toHaveLength(1);
    }
    const created = events.find((e) => e.type === 'lead.created');
    expect(created.data.lead).toMatchObject({ id: pushed.id, businessId: b.id, phone: '+13055550123', name: 'Jordan Lee', status: 'new', source: 'api' });
    const completed = events.find((e) => e.type === 'call.completed');
    expect(completed.data.call).toMatchObject({ businessId: b.id, direction: 'outbound_lead', status: 'completed', transcript: expect.any(Array) });
    expect(events.find((e) => e.type === 'lead.called').data.lead).toMatchObject({ id: pushed.id, status: 'called' });

    const log = await deliveryLog(b, endpoint.id);
    expect(log).toHaveLength(3);
    expect(log.every((a) => a.succeeded && a.statusCode === 200 && a.attempt === 1 && a.responseBody === 'ok' && a.deliveryStatus === 'succeeded')).toBe(true);
  });

  it('an endpoint receives only its event types; a lead without consent is lead.blocked; a disabled endpoint nothing', async () => {
    await createEndpoint(t, b, { url: receiver.url, eventTypes: ['lead.blocked'] });
    const off = await createEndpoint(t, b, { url: `${receiver.url}?off`, eventTypes: ['lead.blocked'], enabled: false });
    await pushLead(t, b.key, { phone: '+13055550124' });
    await receivedCount(receiver, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.events().map((e) => e.type)).toEqual(['lead.blocked']);
    expect(receiver.events()[0].data.lead).toMatchObject({ status: 'blocked', statusReason: 'consent.missing' });
    expect(await deliveryLog(b, off.id)).toEqual([]);
  });

  it('a lead pushed at night is lead.deferred, with the next lawful moment', async () => {
    t.clock!.set(new Date('2026-03-10T07:00:00Z')); // 3 am in Miami
    await createEndpoint(t, b, { url: receiver.url, eventTypes: ['lead.deferred'] });
    const pushed = await (await pushLead(t, b.key, { phone: '+13055550125', consent: consentOf(t) })).json();
    await leadReaches(t, pushed.id, ['deferred']);
    await receivedCount(receiver, 1);
    const [deferred] = receiver.events();
    expect(deferred).toMatchObject({ type: 'lead.deferred', data: { lead: { id: pushed.id, status: 'deferred' }, attempt: 1 } });
    expect(new Date(deferred.data.nextAttemptAt).getTime()).toBeGreaterThan(t.clock!.now().getTime());
  });

  it('retries a 500 at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (clock moved), never before; then the delivery has failed', async () => {
    receiver.behaviour = { status: 500, body: 'x'.repeat(5000) };
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    const { deliveryId } = await (await sendTestEvent(b, endpoint.id)).json();
    await receivedCount(receiver, 1);
    const [first] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 1);
    expect(first).toMatchObject({ deliveryId, attempt: 1, succeeded: false, statusCode: 500, deliveryStatus: 'pending', nextAttemptAt: new Date(NOON_MIAMI.getTime() + 5 * SECOND).toISOString() });
    expect(first.responseBody).toHaveLength(2048);
    // The delayed job of the next attempt waits the schedule's delay.
    const job = await t.app.get(JobsService).queueOf(JobName.DeliverWebhook).getJob(`whd-${deliveryId}-2`);
    expect(job?.opts.delay).toBe(5 * SECOND);

    const delays = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
    for (const [i, delay] of delays.entries()) {
      t.clock!.advance(delay - SECOND);
      await sweepDue(t);
      await new Promise((r) => setTimeout(r, 150));
      expect({ attempt: i + 2, early: receiver.received.length }).toEqual({ attempt: i + 2, early: i + 1 });
      t.clock!.advance(SECOND);
      await sweepDue(t);
      await receivedCount(receiver, i + 2);
      const [latest] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === i + 2);
      expect(latest).toMatchObject({ attempt: i + 2, statusCode: 500, at: t.clock!.now().toISOString() });
      expect(receiver.received[i + 1].headers['beaker-delivery-attempt']).toBe(String(i + 2));
      // The same event each time.
      expect(JSON.parse(receiver.received[i + 1].body).id).toBe(JSON.parse(receiver.received[0].body).id);
    }
    const [last] = await deliveryLog(b, endpoint.id);
    expect(last).toMatchObject({ attempt: 8, deliveryStatus: 'failed', nextAttemptAt: null });
    t.clock!.advance(DAY);
    expect(await sweepDue(t)).toEqual({ requeued: 0 });
    expect(receiver.received).toHaveLength(8);
    const got = await (await b.owner.request(endpointPath(b, endpoint.id))).json();
    expect(got).toMatchObject({ enabled: true, failingSince: NOON_MIAMI.toISOString() });
  });

  it('a receiver that does not answer within the timeout is a failure, retried; a later 2xx clears the failing state', async () => {
    receiver.behaviour = 'hang';
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    await sendTestEvent(b, endpoint.id);
    const [timedOut] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 1, 5000);
    expect(timedOut).toMatchObject({ attempt: 1, succeeded: false, statusCode: null, error: 'timeout: no answer within 500 ms', deliveryStatus: 'pending' });
    expect(timedOut.latencyMs).toBeGreaterThanOrEqual(450);
    receiver.behaviour = { status: 204 };
    t.clock!.advance(5 * SECOND);
    await sweepDue(t);
    const [retried] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 2);
    expect(retried).toMatchObject({ attempt: 2, succeeded: true, statusCode: 204, deliveryStatus: 'succeeded' });
    expect(await (await b.owner.request(endpointPath(b, endpoint.id))).json()).toMatchObject({ failingSince: null });
  });

  it('never follows a redirect: a 3xx is a failure', async () => {
    receiver.behaviour = { status: 302, body: '' };
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    await sendTestEvent(b, endpoint.id);
    const [attempt] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 1);
    expect(attempt).toMatchObject({ succeeded: false, statusCode: 302, deliveryStatus: 'pending' });
    expect(receiver.received).toHaveLength(1);
  });

  it('an endpoint failing for 5 days is disabled, what waited for it canceled, and its owners emailed', async () => {
    receiver.behaviour = { status: 503 };
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    await sendTestEvent(b, endpoint.id);
    await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 1);
    t.clock!.advance(5 * DAY - MINUTE);
    await sendTestEvent(b, endpoint.id);
    await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length >= 2);
    expect(await (await b.owner.request(endpointPath(b, endpoint.id))).json()).toMatchObject({ enabled: true, failingSince: NOON_MIAMI.toISOString() });

    t.clock!.advance(MINUTE);
    await sendTestEvent(b, endpoint.id);
    const disabled = await eventually(
      async () => (await b.owner.request(endpointPath(b, endpoint.id))).json(),
      (e) => e.enabled === false,
    );
    expect(disabled).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const pending = await t.db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending'`, [endpoint.id]);
    expect(pending[0].n).toBe(0);
    const mails = await eventually(() => inbox(t, b.owner.email), (m) => m.length > 0 && m.some((x) => x.subject.includes('webhook endpoint was disabled')));
    const mail = mails.find((x) => x.subject.includes('webhook endpoint was disabled'))!;
    expect(mail.text).toContain(receiver.url);
    expect(mail.text).not.toContain(endpoint.secret);

    const refused = await sendTestEvent(b, endpoint.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe('OUTBOUND_WEBHOOKS.ENDPOINT_DISABLED');
    // Turned back on: delivering again, its 5 days start afresh.
    receiver.behaviour = { status: 200 };
    const on = await (await b.owner.request(endpointPath(b, endpoint.id), { method: 'PATCH', json: { enabled: true } })).json();
    expect(on).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    expect((await sendTestEvent(b, endpoint.id)).status).toBe(202);
    await eventually(() => deliveryLog(b, endpoint.id), (log) => log[0]?.succeeded === true);
  });

  it('rotation: both secrets sign for 24 hours, then only the new one', async () => {
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    const rotated = await b.owner.request(endpointPath(b, endpoint.id, '/rotate-secret'), { method: 'POST' });
    expect(rotated.status).toBe(201);
    const { secret: next, previousSecretExpiresAt } = await rotated.json();
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(endpoint.secret);
    expect(previousSecretExpiresAt).toBe(new Date(NOON_MIAMI.getTime() + DAY).toISOString());

    await sendTestEvent(b, endpoint.id);
    await receivedCount(receiver, 1);
    const during = receiver.received[0];
    expect(signaturesIn(during.headers['beaker-signature'] as string)).toHaveLength(2);
    expect(verifySignature(during.headers['beaker-signature'] as string, during.body, endpoint.secret, nowSeconds())).toBe(true);
    expect(verifySignature(during.headers['beaker-signature'] as string, during.body, next, nowSeconds())).toBe(true);

    t.clock!.advance(DAY - SECOND);
    await sendTestEvent(b, endpoint.id);
    await receivedCount(receiver, 2);
    expect(signaturesIn(receiver.received[1].headers['beaker-signature'] as string)).toHaveLength(2);

    t.clock!.advance(SECOND);
    await sendTestEvent(b, endpoint.id);
    await receivedCount(receiver, 3);
    const after = receiver.received[2];
    expect(signaturesIn(after.headers['beaker-signature'] as string)).toHaveLength(1);
    expect(verifySignature(after.headers['beaker-signature'] as string, after.body, next, nowSeconds())).toBe(true);
    expect(verifySignature(after.headers['beaker-signature'] as string, after.body, endpoint.secret, nowSeconds())).toBe(false);
  });

  it('the delivery log pages, and a delivery can be sent again by hand (a replay)', async () => {
    const endpoint = await createEndpoint(t, b, { url: receiver.url });
    for (let i = 0; i < 3; i++) {
      await sendTestEvent(b, endpoint.id);
      await receivedCount(receiver, i + 1);
      t.clock!.advance(SECOND);
    }
    await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 3);
    const page1 = await (await b.owner.request(endpointPath(b, endpoint.id, '/deliveries?limit=2'))).json();
    expect(page1.items).toHaveLength(2);
    const page2 = await (await b.owner.request(endpointPath(b, endpoint.id, `/deliveries?limit=2&cursor=${page1.nextCursor}`))).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const oldest = page2.items[0];

    const replay = await b.owner.request(endpointPath(b, endpoint.id, `/deliveries/${oldest.deliveryId}/retry`), { method: 'POST' });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toEqual({ deliveryId: oldest.deliveryId, attempt: 2 });
    await receivedCount(receiver, 4);
    expect(JSON.parse(receiver.received[3].body).id).toBe(oldest.eventId);
    const [latest] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 4);
    expect(latest).toMatchObject({ deliveryId: oldest.deliveryId, attempt: 2, succeeded: true });
    const missing = await b.owner.request(endpointPath(b, endpoint.id, `/deliveries/${endpoint.id}/retry`), { method: 'POST' });
    expect(missing.status).toBe(404);
  });

  it('keeps events and their log 30 days once nothing is left to send; a pending delivery is kept', async () => {
    const ok = await createEndpoint(t, b, { url: receiver.url });
    await sendTestEvent(b, ok.id);
    await eventually(() => deliveryLog(b, ok.id), (log) => log.length === 1);
    receiver.behaviour = { status: 500 };
    const failing = await createEndpoint(t, b, { url: `${receiver.url}?failing` });
    await sendTestEvent(b, failing.id);
    await eventually(() => deliveryLog(b, failing.id), (log) => log.length === 1);

    t.clock!.advance(30 * DAY - MINUTE);
    await t.db.query(`UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE status = 'pending'`, [new Date(t.clock!.now().getTime() + DAY)]);
    const prune = () => t.app.get(OutboundWebhooksRetention).prune();
    expect(await prune()).toEqual({ events: 0 });
    t.clock!.advance(2 * MINUTE);
    expect(await sweepDue(t)).toEqual({ requeued: 0 });
    expect(await prune()).toEqual({ events: 1 });
    // (The owner's session has expired by now: the rows are read directly.)
    const attemptsOf = async (endpointId: string) => (await t.db.query(`SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE endpoint_id = $1`, [endpointId]))[0].n;
    expect([await attemptsOf(ok.id), await attemptsOf(failing.id)]).toEqual([0, 1]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbound_events`))[0].n).toBe(1);
  });
});
