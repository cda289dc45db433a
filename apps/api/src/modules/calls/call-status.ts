import type { CallStatus } from '@beaker/contracts';

// The order of statuses and the terminal ones are shared with the web: OPEN_CALL_STATUSES,
// isTerminalCallStatus and isForwardCallMove in @beaker/contracts.

/**
 * Vapi status-update → our status. `ended` maps to nothing: whether the call completed or failed
 * is the end-of-call report's to say (its endedReason is recorded meanwhile).
 */
export function callStatusFromVapi(status: string | undefined): CallStatus | null {
  switch (status) {
    case 'scheduled':
    case 'queued':
      return 'initiated';
    case 'ringing':
      return 'ringing';
    case 'in-progress':
    case 'forwarding':
      return 'in_progress';
    default:
      return null;
  }
}

/** Twilio's CallStatus → our status; the failure statuses are kept as the ended reason. */
export function callStatusFromTwilio(status: string | undefined): CallStatus | null {
  switch (status) {
    case 'queued':
    case 'initiated':
      return 'initiated';
    case 'ringing':
      return 'ringing';
    case 'in-progress':
    case 'answered':
      return 'in_progress';
    case 'completed':
      return 'completed';
    case 'busy':
    case 'failed':
    case 'no-answer':
    case 'canceled':
      return 'failed';
    default:
      return null;
  }
}

/**
 * Vapi's endedReason → completed or failed. A call "completed" when someone was on the line and
 * the call ended in an ordinary way; it "failed" when no conversation could happen (no answer,
 * busy, voicemail, cancelled, could not connect) or when something broke (every reason naming an
 * error or a fault, and every call.start.* reason). A reason not listed here counts as completed
 * if the caller said anything, else failed. The raw reason is always kept in ended_reason.
 */
export const VAPI_COMPLETED_REASONS = new Set([
  'customer-ended-call',
  'customer-ended-call-after-warm-transfer-attempt',
  'customer-ended-call-before-warm-transfer',
  'customer-ended-call-during-transfer',
  'assistant-ended-call',
  'assistant-ended-call-after-message-spoken',
  'assistant-ended-call-with-hangup-task',
  'assistant-said-end-call-phrase',
  'assistant-forwarded-call',
  'exceeded-max-duration',
  'silence-timed-out',
  'call.in-progress.sip-completed-call',
  'call.in-progress.twilio-completed-call',
  'vonage-completed',
  'call.ending.hook-executed-say',
  'call.ending.hook-executed-transfer',
]);

export const VAPI_FAILED_REASONS = new Set([
  'customer-busy',
  'customer-did-not-answer',
  'customer-did-not-give-microphone-permission',
  'voicemail',
  'manually-canceled',
  'call-deleted',
  'scheduled-call-deleted',
  'twilio-failed-to-connect-call',
  'twilio-reported-customer-misdialed',
  'vonage-failed-to-connect-call',
  'vonage-rejected',
  'vonage-disconnected',
  'assistant-not-found',
  'assistant-not-valid',
  'assistant-join-timed-out',
  'call.ringing.sip-inbound-caller-hungup-before-call-connect',
  'call.forwarding.no-answer',
  'call.forwarding.operator-busy',
  'phone-call-provider-bypass-enabled-but-no-call-received',
  'phone-call-provider-closed-websocket',
  'worker-shutdown',
]);

const FAILURE_PATTERN = /error|fault|failed|^call\.start\.|^pipeline-|^assistant-request-/;

export function callOutcomeFromVapiReason(reason: string | undefined, callerSpoke: boolean): 'completed' | 'failed' {
  if (reason && VAPI_COMPLETED_REASONS.has(reason)) return 'completed';
  if (reason && (VAPI_FAILED_REASONS.has(reason) || FAILURE_PATTERN.test(reason))) return 'failed';
  return callerSpoke ? 'completed' : 'failed';
}
