import { OPEN_CALL_STATUSES, TERMINAL_CALL_STATUSES, type CallDirection, type CallStatus } from './enums';

/** Completed or failed: the call never changes status again. */
export function isTerminalCallStatus(status: CallStatus): boolean {
  return TERMINAL_CALL_STATUSES.includes(status);
}

/**
 * A call only moves forward: initiated → ringing → in_progress → completed | failed. Providers'
 * events and stream messages arrive late or twice (a status-update after the end-of-call report);
 * one that would move a call back, or move an ended one at all, changes nothing.
 */
export function isForwardCallMove(from: CallStatus, to: CallStatus): boolean {
  if (isTerminalCallStatus(from)) return false;
  if (isTerminalCallStatus(to)) return true;
  return OPEN_CALL_STATUSES.indexOf(to) > OPEN_CALL_STATUSES.indexOf(from);
}

/** A call's report: what the live-call screen, the mini-report and the dashboard show. */

export type TranscriptSpeaker = 'assistant' | 'caller';

export interface TranscriptTurnView {
  speaker: TranscriptSpeaker;
  text: string;
  /** Seconds from the start of the call. */
  at: number;
}

export interface CallLeadView {
  name: string | null;
  phone: string | null;
  email: string | null;
  intent: string | null;
  urgency: string | null;
}

export interface CallCostView {
  /** US dollars; null until the provider reported it. */
  total: number | null;
  /** US dollars per provider or cost type (vapi, twilio, llm, tts, stt, …): for Beaker staff only, `{}` for everyone else. */
  byProvider: Record<string, number>;
}

/** GET /v1/calls/:id (also the body of 202 POST /v1/trials/:id/calls). */
export interface CallReport {
  id: string;
  status: CallStatus;
  direction: CallDirection;
  /** The called number (E.164). */
  to: string;
  trialId: string | null;
  businessId: string | null;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  endedReason: string | null;
  transcript: TranscriptTurnView[];
  recordingUrl: string | null;
  summary: string | null;
  lead: CallLeadView | null;
  cost: CallCostView;
}

/**
 * One message of GET /v1/calls/:id/events (Server-Sent Events, `event: status`). The first is the
 * call's current state; one follows each change; the stream closes after a terminal status.
 */
export interface CallStatusEvent {
  callId: string;
  status: CallStatus;
  endedReason: string | null;
  /** ISO instant of the change (of the read, for the first message). */
  at: string;
}
