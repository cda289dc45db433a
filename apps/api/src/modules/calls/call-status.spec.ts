import { callOutcomeFromVapiReason, callStatusFromTwilio, callStatusFromVapi, VAPI_COMPLETED_REASONS, VAPI_FAILED_REASONS } from './call-status';

// "Only forward" (isForwardCallMove) is tested with it in libs/contracts/src/calls.spec.ts.
describe('call status', () => {
  it('maps Vapi status-updates, leaving "ended" to the report', () => {
    expect(['scheduled', 'queued', 'ringing', 'in-progress', 'forwarding', 'ended', 'not-found'].map(callStatusFromVapi)).toEqual([
      'initiated',
      'initiated',
      'ringing',
      'in_progress',
      'in_progress',
      null,
      null,
    ]);
  });

  it('maps Twilio call statuses', () => {
    expect(['queued', 'ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled', 'weird'].map(callStatusFromTwilio)).toEqual([
      'initiated',
      'ringing',
      'in_progress',
      'completed',
      'failed',
      'failed',
      'failed',
      'failed',
      null,
    ]);
  });

  it('maps Vapi ended reasons to completed or failed', () => {
    expect(callOutcomeFromVapiReason('customer-ended-call', true)).toBe('completed');
    expect(callOutcomeFromVapiReason('assistant-ended-call', false)).toBe('completed');
    expect(callOutcomeFromVapiReason('customer-did-not-answer', false)).toBe('failed');
    expect(callOutcomeFromVapiReason('customer-busy', false)).toBe('failed');
    expect(callOutcomeFromVapiReason('voicemail', false)).toBe('failed');
    expect(callOutcomeFromVapiReason('twilio-failed-to-connect-call', false)).toBe('failed');
    expect(callOutcomeFromVapiReason('call.in-progress.error-vapifault-openai-llm-failed', true)).toBe('failed');
    expect(callOutcomeFromVapiReason('pipeline-error-openai-llm-failed', true)).toBe('failed');
    expect(callOutcomeFromVapiReason('call.start.error-subscription-frozen', false)).toBe('failed');
    // Unknown reasons: did anyone talk?
    expect(callOutcomeFromVapiReason('some-future-reason', true)).toBe('completed');
    expect(callOutcomeFromVapiReason('some-future-reason', false)).toBe('failed');
    expect(callOutcomeFromVapiReason(undefined, false)).toBe('failed');
  });

  it('keeps the two lists apart', () => {
    for (const reason of VAPI_COMPLETED_REASONS) expect(VAPI_FAILED_REASONS.has(reason)).toBe(false);
  });
});
