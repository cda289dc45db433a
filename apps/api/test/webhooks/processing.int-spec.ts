import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { resetState, startApp, TestApp } from '../harness';
import { callStatusChannel } from '../../src/modules/calls/call-status-notifier';
import { OptOutService } from '../../src/modules/compliance/opt-outs.service';
import { WebhookHandlerRegistry } from '../../src/modules/webhooks/webhook-handler.registry';
import {
  createTrialCall,
  deliverStripe,
  deliverTwilio,
  deliverVapi,
  eventRows,
  eventually,
  stripeEvent,
  vapiEndOfCallReport,
  vapiStatusUpdate,
} from './webhook-deliveries';

/** Processing with the workers inline: routing, effects on calls, outcomes, retries. */
describe('webhook processing', () => {
  let t: TestApp;
  let subscriber: Redis;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true });
    subscriber = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    await subscriber.quit();
    await t.close();
  });
  beforeEach(async () => resetState(t));

  const callRow = async (id: string) => (await t.db.query(`SELECT * FROM calls WHERE id = $1`, [id]))[0];
  const settled = (provider: string, count = 1) =>
    eventually(
      () => eventRows(t, provider),
      (rows) => rows.length >= count && rows.every((r) => ['completed', 'ignored', 'failed'].includes(r.status)),
    );
  const attemptsOf = (id: string) =>
    t.db.query(`SELECT attempt, trigger, outcome, error FROM webhook_event_attempts WHERE webhook_event_id = $1 ORDER BY started_at, attempt`, [id]);

  async function listen(callId: string): Promise<unknown[]> {
    const received: unknown[] = [];
    await subscriber.subscribe(callStatusChannel(callId));
    subscriber.on('message', (channel, message) => {
      if (channel === callStatusChannel(callId)) received.push(JSON.parse(message));
    });
    return received;
  }

  it('moves a call to ringing on a Vapi status-update, once, and publishes the change', async () => {
    const callId = await createTrialCall(t);
    const vapiCallId = randomUUID();
    const published = await listen(callId);
    expect((await deliverVapi(t, vapiStatusUpdate(vapiCallId, 'ringing', callId))).status).toBe(200);
    const [row] = await settled('vapi');
    expect(row).toMatchObject({ status: 'completed', attempts: 1, last_error: null });
    expect(await callRow(callId)).toMatchObject({ status: 'ringing', vapi_call_id: vapiCallId });
    await eventually(async () => published.length, (n) => n > 0, 3000);
    expect(published).toEqual([expect.objectContaining({ callId, status: 'ringing', endedReason: null })]);
    expect(await attemptsOf(row.id)).toEqual([{ attempt: 1, trigger: 'queue', outcome: 'completed', error: null }]);
  });

  it('completes a call from the end-of-call report: transcript, recording, summary, lead, duration, costs', async () => {
    const callId = await createTrialCall(t, { status: 'in_progress' });
    const vapiCallId = randomUUID();
    expect((await deliverVapi(t, vapiEndOfCallReport(vapiCallId, callId))).status).toBe(200);
    await settled('vapi');
    const call = await callRow(callId);
    expect(call).toMatchObject({
      status: 'completed',
      ended_reason: 'customer-ended-call',
      vapi_call_id: vapiCallId,
      recording_url: 'https://recordings.example/abc.wav',
      summary: 'The caller needs an AC repair.',
      extracted_lead: { name: 'Dana', phone: '+14155550123', intent: 'repair' },
      duration_seconds: 90,
      cost_total: '0.1234',
    });
    expect(call.transcript).toEqual([
      { speaker: 'assistant', text: 'Hi, this is the Cool Air assistant, an AI.', at: 0.5 },
      { speaker: 'caller', text: 'My AC is broken.', at: 4.2 },
    ]);
    expect(call.cost_breakdown).toEqual({ twilio: 0.021, llm: 0.0024, vapi: 0.1 });
    expect(call.started_at.toISOString()).toBe('2026-01-01T10:00:00.000Z');
    expect(call.ended_at.toISOString()).toBe('2026-01-01T10:01:30.000Z');
  });

  it('fails a call the report says nobody answered, finding it by the Vapi id when metadata is absent', async () => {
    const vapiCallId = randomUUID();
    const callId = await createTrialCall(t, { status: 'ringing', vapiCallId });
    const report = vapiEndOfCallReport(vapiCallId, undefined, { endedReason: 'customer-did-not-answer', artifact: { messages: [] }, analysis: {} });
    expect((await deliverVapi(t, report)).status).toBe(200);
    await settled('vapi');
    expect(await callRow(callId)).toMatchObject({ status: 'failed', ended_reason: 'customer-did-not-answer', transcript: null });
  });

  it('never moves a completed call back when a status-update arrives after the report', async () => {
    const callId = await createTrialCall(t);
    const vapiCallId = randomUUID();
    await deliverVapi(t, vapiEndOfCallReport(vapiCallId, callId));
    await settled('vapi');
    await deliverVapi(t, vapiStatusUpdate(vapiCallId, 'ringing', callId));
    await deliverVapi(t, vapiStatusUpdate(vapiCallId, 'in-progress', callId));
    const rows = await settled('vapi', 3);
    expect(rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
    expect(await callRow(callId)).toMatchObject({ status: 'completed', ended_reason: 'customer-ended-call' });
  });

  it('records the ended reason of a status-update "ended" and leaves the status to the report', async () => {
    const callId = await createTrialCall(t, { status: 'in_progress' });
    await deliverVapi(t, vapiStatusUpdate(randomUUID(), 'ended', callId, { endedReason: 'customer-ended-call' }));
    await settled('vapi');
    expect(await callRow(callId)).toMatchObject({ status: 'in_progress', ended_reason: 'customer-ended-call' });
  });

  it('hands an opt-out to the compliance module inside the processing transaction', async () => {
    const optOuts = t.app.get(OptOutService);
    const seen: { optOut: unknown; inTransaction: boolean }[] = [];
    const spy = jest.spyOn(optOuts, 'recordInCallOptOut').mockImplementation(async (optOut, tx) => {
      seen.push({ optOut, inTransaction: tx.queryRunner?.isTransactionActive === true });
      return { listed: false, revoked: false };
    });
    try {
      const viaData = await createTrialCall(t);
      const viaTool = await createTrialCall(t);
      await deliverVapi(t, vapiEndOfCallReport(randomUUID(), viaData, { analysis: { structuredData: { optOut: true } } }));
      const report = vapiEndOfCallReport(randomUUID(), viaTool);
      (report.message.artifact as { messages: unknown[] }).messages.push({
        role: 'tool_calls',
        message: '',
        time: 5,
        secondsFromStart: 5,
        toolCalls: [{ id: 'tc1', type: 'function', function: { name: 'opt_out', arguments: '{}' } }],
      });
      await deliverVapi(t, report);
      await settled('vapi', 2);
      expect(seen).toHaveLength(2);
      expect(seen).toEqual(
        expect.arrayContaining([
          { optOut: expect.objectContaining({ callId: viaData, source: 'structured-data', phoneE164: '+14155550123' }), inTransaction: true },
          { optOut: expect.objectContaining({ callId: viaTool, source: 'tool-call' }), inTransaction: true },
        ]),
      );
    } finally {
      spy.mockRestore();
    }
  });

  it('completes unknown types and unhandled Stripe events as ignored, without retries', async () => {
    await deliverVapi(t, { message: { type: 'speech-update', status: 'started', role: 'assistant', call: { id: randomUUID() } } });
    // A type no module handles (billing handles checkout, subscription and invoice events).
    await deliverStripe(t, stripeEvent('payment_intent.created'));
    const rows = [...(await settled('vapi')), ...(await settled('stripe'))];
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['ignored', 1],
      ['ignored', 1],
    ]);
  });

  it('retries a failing handler 3 times with backoff, then keeps the event failed', async () => {
    // A report for a call that does not exist (yet): the handler throws.
    await deliverVapi(t, vapiEndOfCallReport(randomUUID(), randomUUID()));
    const [row] = await eventually(
      () => eventRows(t, 'vapi'),
      (rows) => rows[0]?.status === 'failed',
      20000,
    );
    expect(row.attempts).toBe(3);
    expect(row.last_error).toMatch(/no call for Vapi call/);
    const attempts = await attemptsOf(row.id);
    expect(attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
  });

  it('processes 50 concurrent deliveries of one event exactly once', async () => {
    const callId = await createTrialCall(t);
    const published = await listen(callId);
    const message = vapiStatusUpdate(randomUUID(), 'in-progress', callId);
    const answers = await Promise.all(Array.from({ length: 50 }, () => deliverVapi(t, message)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const rows = await settled('vapi');
    expect(rows).toHaveLength(1);
    expect(rows[0].attempts).toBe(1);
    expect(await attemptsOf(rows[0].id)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(published).toHaveLength(1);
    expect(await callRow(callId)).toMatchObject({ status: 'in_progress' });
  });

  it('moves calls on Twilio status callbacks, and ends a call that Vapi does not run', async () => {
    const sid = `CA${randomUUID().replace(/-/g, '')}`;
    const callId = await createTrialCall(t, { twilioCallSid: sid });
    await deliverTwilio(t, { CallSid: sid, CallStatus: 'ringing', SequenceNumber: '0' });
    await settled('twilio');
    expect(await callRow(callId)).toMatchObject({ status: 'ringing' });
    await deliverTwilio(t, { CallSid: sid, CallStatus: 'no-answer', SequenceNumber: '1', CallDuration: '0' });
    await settled('twilio', 2);
    expect(await callRow(callId)).toMatchObject({ status: 'failed', ended_reason: 'no-answer', duration_seconds: 0 });
    // Late and out of order: changes nothing.
    await deliverTwilio(t, { CallSid: sid, CallStatus: 'in-progress', SequenceNumber: '2' });
    await settled('twilio', 3);
    expect(await callRow(callId)).toMatchObject({ status: 'failed' });
  });

  it('ignores a Twilio callback for a call we do not know', async () => {
    await deliverTwilio(t, { CallSid: 'CAunknown', CallStatus: 'completed' });
    expect((await settled('twilio'))[0]).toMatchObject({ status: 'ignored', attempts: 1 });
  });

  it('routes to handlers registered by code as well as by decorator', async () => {
    const handlers = t.app.get(WebhookHandlerRegistry);
    const seen: string[] = [];
    handlers.register('stripe', 'beaker.test_routing', async (ctx) => {
      seen.push(ctx.event.eventId);
    });
    try {
      const event = stripeEvent('beaker.test_routing');
      await deliverStripe(t, event);
      expect((await settled('stripe'))[0].status).toBe('completed');
      expect(seen).toEqual([event.id]);
      expect(handlers.list()).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ provider: 'vapi', type: 'end-of-call-report', kind: 'handler', where: 'VapiEndOfCallReportHandler.handle' }),
        ]),
      );
    } finally {
      handlers.unregister('stripe', 'beaker.test_routing');
    }
  });
});
