import type { Vapi } from '@vapi-ai/server-sdk';
import { providerCallFromReport, toProviderCall } from '../../vapi/vapi.mapping';
import { SandboxCallRecord, endOfCallReportMessage, sandboxCosts, sandboxOutcomeFor, statusUpdateMessage, vapiCallOf } from './vapi.sandbox.messages';
import { buildSandboxConversation, personaFromMetadata } from './vapi.sandbox.script';
import { sandboxRecordingWav } from './sandbox-recording.wav';

/**
 * Compile-time proof that the sandbox's payloads are Vapi's published shapes: these assignments
 * only type-check while the builders return the SDK's types (ServerMessage, Call, costs items).
 */
const asServerMessage = (payload: { message: Vapi.ServerMessageStatusUpdate | Vapi.ServerMessageEndOfCallReport }): Vapi.ServerMessage => payload;
const asCall = (call: ReturnType<typeof vapiCallOf>): Vapi.Call => call;
const asCosts = (costs: ReturnType<typeof sandboxCosts>): Vapi.ServerMessageEndOfCallReportCostsItem[] => costs;

function endedRecord(overrides: Partial<SandboxCallRecord> = {}): SandboxCallRecord {
  const persona = personaFromMetadata({ industry: 'dental', scenario: 'scheduling', businessName: 'Bright Smile Dental' }, 'Hi, this is the Bright Smile Dental assistant, an AI.');
  const conversation = buildSandboxConversation(persona, { number: '+14155550123', name: 'Dana Scully', email: 'dana@example.com' });
  return {
    id: '6c1b0a8e-7d6f-4a55-9d0e-1d2c3b4a5f60',
    orgId: '00000000-0000-4000-8000-00000000beef',
    assistantId: 'a1',
    customer: { number: '+14155550123', name: 'Dana Scully' },
    metadata: { callId: '0b7c4b8e-1111-4222-8333-444455556666' },
    firstMessage: persona.firstMessage,
    outcome: 'completed',
    status: 'ended',
    serverUrl: 'http://127.0.0.1:3100/webhooks/vapi',
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:01:00.000Z',
    startedAt: '2026-11-27T10:00:05.000Z',
    endedAt: '2026-11-27T10:01:00.000Z',
    endedReason: 'customer-ended-call',
    conversation,
    recordingUrl: 'http://127.0.0.1:3100/sandbox-assets/recordings/6c1b0a8e-7d6f-4a55-9d0e-1d2c3b4a5f60.wav',
    costs: sandboxCosts(conversation.durationSeconds, 500, { provider: '11labs', voiceId: 'sarah' }),
    cost: 0.07,
    ...overrides,
  };
}

describe('sandbox Vapi payloads', () => {
  it('builds an end-of-call report that is a Vapi ServerMessage, with our call id, transcript, recording, lead and costs', () => {
    const report = asServerMessage(endOfCallReportMessage(endedRecord(), Date.parse('2026-11-27T10:01:02Z'))).message as Vapi.ServerMessageEndOfCallReport;
    expect(report.type).toBe('end-of-call-report');
    expect(report.call?.assistantOverrides?.metadata).toEqual({ callId: '0b7c4b8e-1111-4222-8333-444455556666' });
    expect(report.artifact.transcript).toMatch(/^AI: Hi, this is the Bright Smile Dental assistant/);
    expect(report.artifact.recordingUrl).toMatch(/\/sandbox-assets\/recordings\/.+\.wav$/);
    expect(report.analysis.structuredData).toEqual({ name: 'Dana Scully', phone: '+14155550123', email: 'dana@example.com', intent: 'Chipped tooth, needs an exam', urgency: 'medium' });
    expect(asCosts(report.costs ?? []).map((c) => c.type)).toEqual(['transport', 'transcriber', 'model', 'voice', 'vapi']);

    const call = providerCallFromReport(report);
    expect(call.status).toBe('ended');
    expect(call.transcript?.[0]).toEqual({ speaker: 'assistant', text: expect.stringContaining('Bright Smile Dental'), at: 0.6 });
    expect(call.transcript?.some((t) => t.speaker === 'caller' && t.text.includes('dana@example.com'))).toBe(true);
    expect(call.lead?.email).toBe('dana@example.com');
    expect(Object.keys(call.costs ?? {}).sort()).toEqual(['llm', 'stt', 'tts', 'twilio', 'vapi']);
    expect(call.metadata).toEqual({ callId: '0b7c4b8e-1111-4222-8333-444455556666' });
  });

  it('builds status updates that are Vapi ServerMessages, the ended one with its reason', () => {
    const ringing = asServerMessage(statusUpdateMessage(endedRecord({ status: 'ringing', endedReason: undefined }), 'ringing', 1)).message as Vapi.ServerMessageStatusUpdate;
    expect(ringing).toMatchObject({ type: 'status-update', status: 'ringing' });
    expect(ringing.endedReason).toBeUndefined();
    const ended = statusUpdateMessage(endedRecord({ outcome: 'no-answer', endedReason: 'customer-did-not-answer', conversation: undefined }), 'ended', 2).message;
    expect(ended).toMatchObject({ status: 'ended', endedReason: 'customer-did-not-answer' });
  });

  it('answers GET /call/:id with a Vapi Call that maps to a completed ProviderCall', () => {
    const call = toProviderCall(asCall(vapiCallOf(endedRecord())));
    expect(call).toMatchObject({ status: 'ended', endedReason: 'customer-ended-call', summary: expect.stringContaining('Dana Scully') });
    expect(call.recordingUrl).toMatch(/\.wav$/);
  });

  it('reads the test knobs from the destination number', () => {
    expect(['+14155550001', '+14155550002', '+14155550003', '+14155550004', '+14155550123'].map(sandboxOutcomeFor)).toEqual([
      'no-answer',
      'busy',
      'failed',
      'report-never-sent',
      'completed',
    ]);
  });

  it('scripts a conversation per industry × scenario from the persona and the called person', () => {
    const gym = buildSandboxConversation(personaFromMetadata({ industry: 'gym', scenario: 'faq', businessName: 'Iron Temple' }, 'Hi!'), { number: '+13125550142' });
    expect(gym.lead.intent).toBe('Membership inquiry and a tour');
    expect(gym.summary).toContain('Iron Temple');
    expect(gym.lead.name).toMatch(/^\w+ \w+$/);
    expect(gym.lead.email).toMatch(/@example\.com$/);
    const hvac = buildSandboxConversation(personaFromMetadata(undefined, 'Hello'), { number: '+13125550142' });
    expect(hvac.lead).toMatchObject({ intent: 'AC repair: unit blowing warm air', urgency: 'high' });
    expect(hvac.turns.map((t) => t.at)).toEqual([...hvac.turns.map((t) => t.at)].sort((a, b) => a - b));
    expect(hvac.durationSeconds).toBeGreaterThan(20);
  });
});

describe('sandboxRecordingWav', () => {
  it('is a valid PCM WAV as long as the call, sounding while each turn is spoken and silent between', () => {
    const turns = [
      { speaker: 'assistant' as const, at: 0.6 },
      { speaker: 'caller' as const, at: 5.2 },
      { speaker: 'assistant' as const, at: 9.9 },
      { speaker: 'caller' as const, at: 20.1 },
      { speaker: 'assistant' as const, at: 30.4 },
    ];
    const wav = sandboxRecordingWav(turns, 74);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(wav.readUInt16LE(20)).toBe(1);
    const sampleRate = wav.readUInt32LE(24);
    const dataBytes = wav.readUInt32LE(40);
    expect(dataBytes).toBe(wav.length - 44);
    const seconds = dataBytes / 2 / sampleRate;
    expect(seconds).toBe(74);
    const loudAt = (second: number): boolean => {
      let peak = 0;
      const from = 44 + Math.round(second * sampleRate) * 2;
      for (let i = from; i < from + Math.round(0.1 * sampleRate) * 2; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
      return peak > 5000;
    };
    // Speech where the transcript says a turn is spoken, silence in the pause before the next turn.
    expect(loudAt(1)).toBe(true);
    expect(loudAt(21)).toBe(true);
    expect(loudAt(19.5)).toBe(false);
    expect(loudAt(0.1)).toBe(false);
    // Not silence: some samples are loud.
    let peak = 0;
    for (let i = 44; i < wav.length; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
    expect(peak).toBeGreaterThan(5000);
  });
});
