import { CallsService } from '../../src/modules/calls/calls.service';
import { VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';
import { createBusiness } from '../factories/auth.factory';
import { startApp, TestApp, resetState } from '../harness';
import { waitFor } from './support/breakers';

/**
 * The whole outbound call with no provider account: the Vapi sandbox plays the call on the job
 * queue and POSTs its signed events over HTTP to our real /webhooks/vapi; the webhook pipeline
 * and the call handlers take the call to completed, with transcript, recording and lead.
 */
describe('sandbox call through the real /webhooks/vapi', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
    await resetState(t);
  });
  afterAll(async () => t.close());

  it('ends completed with transcript, recording, summary, lead and costs', async () => {
    const businessId = await createBusiness(t, { name: 'Cool Air HVAC' });
    const calls = t.app.get(CallsService);
    const vapi = t.app.get(VoiceAgentPort);
    const { id: assistantId } = await vapi.createAssistant({
      name: 'Cool Air HVAC assistant',
      firstMessage: 'Hi, this is the Cool Air HVAC assistant, an AI calling about your request.',
      systemPrompt: 'You take service requests for Cool Air HVAC.',
      voice: { provider: '11labs', voiceId: 'sarah' },
      maxDurationSeconds: 300,
      structuredDataSchema: {},
      metadata: { industry: 'hvac', scenario: 'lead_intake', businessName: 'Cool Air HVAC' },
    });
    const call = await calls.createCall({ direction: 'outbound_lead', businessId, toE164: '+16175550142' });
    const placed = await vapi.placeCall({
      assistantId,
      to: call.toE164,
      metadata: { callId: call.id },
      assistantOverrides: { variableValues: { customerName: 'Ellen Ripley', customerEmail: 'ellen@example.com' } },
    });
    await calls.recordProviderIds(call.id, { vapiCallId: placed.id });

    const read = async () =>
      (
        await t.db.query(
          `SELECT status, ended_reason, transcript, recording_url, summary, extracted_lead, cost_total, cost_breakdown, duration_seconds, vapi_call_id
             FROM calls WHERE id = $1`,
          [call.id],
        )
      )[0];
    await waitFor(async () => (await read()).status === 'completed', 20_000, 50);
    const row = await read();
    expect(row.vapi_call_id).toBe(placed.id);
    expect(row.ended_reason).toBe('customer-ended-call');
    expect(row.transcript.length).toBeGreaterThan(6);
    expect(row.transcript[0]).toMatchObject({ speaker: 'assistant', text: expect.stringContaining('Cool Air HVAC') });
    expect(row.transcript.some((turn: { speaker: string; text: string }) => turn.speaker === 'caller' && turn.text.includes('Ellen Ripley'))).toBe(true);
    expect(row.recording_url).toBe(`${t.baseUrl}/sandbox-assets/recordings/${placed.id}.wav`);
    expect(row.summary).toContain('Ellen Ripley');
    expect(row.extracted_lead).toEqual({ name: 'Ellen Ripley', phone: '+16175550142', email: 'ellen@example.com', intent: 'AC repair: unit blowing warm air', urgency: 'high' });
    expect(Number(row.cost_total)).toBeGreaterThan(0);
    expect(Object.keys(row.cost_breakdown).sort()).toEqual(['llm', 'stt', 'tts', 'twilio', 'vapi']);

    // Every event was verified, stored and processed once.
    const events = await t.db.query(`SELECT event_type, status FROM webhook_events WHERE provider = 'vapi' ORDER BY received_at`);
    expect(events.map((e: { event_type: string }) => e.event_type)).toEqual(['status-update', 'status-update', 'status-update', 'status-update', 'end-of-call-report']);
    expect(new Set(events.map((e: { status: string }) => e.status))).toEqual(new Set(['completed']));

    const recording = await fetch(row.recording_url);
    expect(recording.status).toBe(200);
    expect(recording.headers.get('content-type')).toBe('audio/wav');
  });
});
