import { callOutcomeOf, optOutIn } from './call-outcome';

describe('call outcome', () => {
  it('reads an ended provider call: status from the reason, duration from the times, costs summed when no total', () => {
    const outcome = callOutcomeOf({
      id: 'v1',
      status: 'ended',
      endedReason: 'customer-ended-call',
      startedAt: new Date('2026-01-01T10:00:00Z'),
      endedAt: new Date('2026-01-01T10:02:05.600Z'),
      transcript: [
        { speaker: 'assistant', text: 'Hello', at: 0 },
        { speaker: 'caller', text: 'Hi', at: 2 },
      ],
      costs: { twilio: 0.02, llm: 0.00333 },
      summary: 'A call',
    });
    expect(outcome).toMatchObject({ status: 'completed', durationSeconds: 126, costTotal: 0.0233, costBreakdown: { twilio: 0.02, llm: 0.00333 }, summary: 'A call' });
  });

  it('prefers the reported duration and total, and fails a call where nobody spoke for an unknown reason', () => {
    const outcome = callOutcomeOf({ id: 'v1', status: 'ended', endedReason: 'brand-new-reason', costTotal: 0.5, transcript: [{ speaker: 'assistant', text: 'Hello?', at: 0 }] }, { durationSeconds: 12.4 });
    expect(outcome).toMatchObject({ status: 'failed', durationSeconds: 12, costTotal: 0.5, costBreakdown: null, recordingUrl: null });
  });

  it('hears an opt-out in the structured data or in an opt_out tool call', () => {
    expect(optOutIn({ analysis: { structuredData: { optOut: true } } })).toBe('structured-data');
    expect(optOutIn({ analysis: { structuredData: { optOut: 'yes' } } })).toBeNull();
    expect(optOutIn({ artifact: { messages: [{ role: 'tool_calls', toolCalls: [{ function: { name: 'opt_out' } }] }] } })).toBe('tool-call');
    expect(optOutIn({ artifact: { messages: [{ role: 'tool_calls', toolCalls: [{ function: { name: 'book' } }] }, { role: 'user', message: 'stop' }] } })).toBeNull();
    expect(optOutIn({})).toBeNull();
  });
});
