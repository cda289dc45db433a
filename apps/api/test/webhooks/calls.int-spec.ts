import { resetState, startApp, TestApp } from '../harness';
import { AssistantSpec, VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';
import { CallReconciliation, RECONCILIATION_NOT_FOUND, RECONCILIATION_TIMEOUT } from '../../src/modules/calls/call-reconciliation.service';
import { CallsService } from '../../src/modules/calls/calls.service';
import { createTrialCall, eventRows, eventually } from './webhook-deliveries';

const spec: AssistantSpec = {
  name: 'Cool Air HVAC',
  firstMessage: 'Hi, this is the Cool Air HVAC assistant, an AI. How can I help?',
  systemPrompt: 'You answer calls for Cool Air HVAC.',
  voice: { provider: '11labs', voiceId: 'sarah' },
  maxDurationSeconds: 300,
  structuredDataSchema: { type: 'object', properties: { name: { type: 'string' } } },
  metadata: { industry: 'hvac', scenario: 'lead_intake', businessName: 'Cool Air HVAC' },
};

/**
 * Calls driven end to end by the Vapi sandbox, which POSTs signed events over HTTP to
 * /webhooks/vapi; and reconciliation of calls whose report never came.
 */
describe('calls: provider events and reconciliation', () => {
  let t: TestApp;
  let voice: VoiceAgentPort;
  let calls: CallsService;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
    voice = t.app.get(VoiceAgentPort);
    calls = t.app.get(CallsService);
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));
  afterEach(() => jest.restoreAllMocks());

  const callRow = async (id: string) => (await t.db.query(`SELECT * FROM calls WHERE id = $1`, [id]))[0];

  async function placeSandboxCall(to: string): Promise<{ callId: string; vapiCallId: string }> {
    const { id: assistantId } = await voice.createAssistant(spec);
    const [trial] = await t.db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at)
       VALUES ((SELECT id FROM users LIMIT 1), 'hvac', 'Cool Air', 'lead_intake', $1, now() + interval '2 days') RETURNING id`,
      [to],
    );
    const call = await calls.createCall({ direction: 'outbound_trial', trialId: trial.id, toE164: to });
    const placed = await voice.placeCall({ assistantId, to, metadata: { callId: call.id } });
    await calls.recordProviderIds(call.id, { vapiCallId: placed.id });
    return { callId: call.id, vapiCallId: placed.id };
  }

  beforeEach(async () => {
    await t.db.query(`INSERT INTO users (email) VALUES ('prospect@example.com')`);
  });

  it('completes a sandbox call from its signed webhooks: statuses, then the report', async () => {
    const { callId, vapiCallId } = await placeSandboxCall('+14155550123');
    const call = await eventually(() => callRow(callId), (c) => c.status === 'completed', 20000);
    expect(call).toMatchObject({ status: 'completed', vapi_call_id: vapiCallId, ended_reason: 'customer-ended-call' });
    expect(call.transcript.length).toBeGreaterThan(2);
    expect(call.transcript[0].speaker).toBe('assistant');
    expect(call.recording_url).toContain(vapiCallId);
    expect(Number(call.cost_total)).toBeGreaterThan(0);
    expect(call.duration_seconds).toBeGreaterThan(0);
    const rows = await eventually(() => eventRows(t, 'vapi'), (r) => r.length === 5 && r.every((e) => e.status === 'completed'));
    expect(rows.map((r) => r.event_id.split(':').slice(1).join(':')).sort()).toEqual(
      ['end-of-call-report', 'status-update:ended', 'status-update:in-progress', 'status-update:queued', 'status-update:ringing'].sort(),
    );
  });

  it('fails a sandbox call nobody answers', async () => {
    const { callId } = await placeSandboxCall('+14155550001');
    const call = await eventually(() => callRow(callId), (c) => c.status === 'failed', 20000);
    expect(call.ended_reason).toBe('customer-did-not-answer');
  });

  it('reconciles a call whose report never came, from the provider\'s data', async () => {
    const { callId } = await placeSandboxCall('+14155550004');
    // The lifecycle plays without its report: the call is left in progress, its reason known.
    await eventually(() => eventRows(t, 'vapi'), (r) => r.length === 4 && r.every((e) => e.status === 'completed'), 20000);
    expect(await callRow(callId)).toMatchObject({ status: 'in_progress', ended_reason: 'customer-ended-call' });

    // Younger than 8 minutes: left alone.
    expect((await t.app.get(CallReconciliation).reconcile()).checked).toBe(0);
    // 8½ minutes after it was placed: asked about (with the job every minute, none waits 10 minutes).
    await t.db.query(`UPDATE calls SET created_at = now() - interval '8 minutes 30 seconds' WHERE id = $1`, [callId]);
    const result = await t.app.get(CallReconciliation).reconcile();
    expect(result).toMatchObject({ checked: 1, completed: 1 });
    const call = await callRow(callId);
    expect(call.status).toBe('completed');
    expect(call.transcript.length).toBeGreaterThan(2);
    expect(Number(call.cost_total)).toBeGreaterThan(0);
  });

  it('fails old open calls the provider does not know, or that were never placed', async () => {
    const old = new Date(Date.now() - 11 * 60_000);
    const unknown = await createTrialCall(t, { status: 'ringing', vapiCallId: 'no-such-call', createdAt: old });
    const neverPlaced = await createTrialCall(t, { status: 'initiated', createdAt: old });
    const done = await createTrialCall(t, { status: 'completed', vapiCallId: 'done-call', createdAt: old });
    const result = await t.app.get(CallReconciliation).reconcile();
    expect(result).toMatchObject({ checked: 2, failed: 2 });
    expect(await callRow(unknown)).toMatchObject({ status: 'failed', ended_reason: RECONCILIATION_NOT_FOUND });
    expect(await callRow(neverPlaced)).toMatchObject({ status: 'failed', ended_reason: RECONCILIATION_NOT_FOUND });
    expect(await callRow(done)).toMatchObject({ status: 'completed', ended_reason: null });
  });

  it('fails a call by id for whoever placed it, and leaves an ended call alone', async () => {
    const open = await createTrialCall(t, { status: 'ringing' });
    const ended = await createTrialCall(t, { status: 'completed' });
    expect(await calls.failCall(open, 'placement-failed')).toMatchObject({ callId: open, status: 'failed', endedReason: 'placement-failed' });
    expect(await calls.failCall(ended, 'placement-failed')).toBeNull();
    expect(await callRow(open)).toMatchObject({ status: 'failed', ended_reason: 'placement-failed' });
    expect(await callRow(ended)).toMatchObject({ status: 'completed', ended_reason: null });
  });

  it('leaves a call the provider says is still going, until 2 hours have passed; retries when the provider is down', async () => {
    const recent = await createTrialCall(t, { status: 'ringing', vapiCallId: 'live-1', createdAt: new Date(Date.now() - 11 * 60_000) });
    const ancient = await createTrialCall(t, { status: 'in_progress', vapiCallId: 'live-2', createdAt: new Date(Date.now() - 3 * 3600_000) });
    jest.spyOn(voice, 'getCall').mockImplementation(async (id) => ({ id, status: 'in-progress' }));
    const result = await t.app.get(CallReconciliation).reconcile();
    expect(result).toMatchObject({ checked: 2, failed: 1, stillOpen: 1 });
    expect(await callRow(recent)).toMatchObject({ status: 'in_progress' });
    expect(await callRow(ancient)).toMatchObject({ status: 'failed', ended_reason: RECONCILIATION_TIMEOUT });

    jest.spyOn(voice, 'getCall').mockRejectedValue(new Error('vapi unreachable'));
    expect(await t.app.get(CallReconciliation).reconcile()).toMatchObject({ checked: 1, errors: 1 });
    expect(await callRow(recent)).toMatchObject({ status: 'in_progress' });
  });
});
