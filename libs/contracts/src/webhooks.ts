import type { Provider, WebhookEventStatus } from './enums';

export const WEBHOOK_ATTEMPT_TRIGGERS = ['queue', 'replay'] as const;
export type WebhookAttemptTrigger = (typeof WEBHOOK_ATTEMPT_TRIGGERS)[number];

/** interrupted: the process died during the attempt (seen when the next attempt starts). */
export const WEBHOOK_ATTEMPT_OUTCOMES = ['completed', 'ignored', 'failed', 'interrupted'] as const;
export type WebhookAttemptOutcome = (typeof WEBHOOK_ATTEMPT_OUTCOMES)[number];

/** A row of the admin webhook inspector's list. */
export interface WebhookEventSummary {
  id: string;
  provider: Provider;
  /** The provider's id for the event (Stripe's evt_…, Twilio's CallSid:CallStatus, Vapi's callId:type). */
  eventId: string;
  eventType: string;
  status: WebhookEventStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  processedAt: string | null;
}

export interface WebhookEventAttemptView {
  attempt: number;
  trigger: WebhookAttemptTrigger;
  outcome: WebhookAttemptOutcome;
  error: string | null;
  startedAt: string;
  finishedAt: string;
}

export interface WebhookEventTimelineEntry {
  at: string;
  /** received; then one entry per attempt, named by its outcome. */
  kind: 'received' | WebhookAttemptOutcome;
  attempt?: number;
  trigger?: WebhookAttemptTrigger;
  error?: string | null;
}

export interface WebhookEventDetail extends WebhookEventSummary {
  payload: unknown;
  attemptsLog: WebhookEventAttemptView[];
  timeline: WebhookEventTimelineEntry[];
}

/** `GET /v1/admin/webhook-events` filters. */
export interface WebhookEventListQuery {
  provider?: Provider;
  type?: string;
  status?: WebhookEventStatus;
  /** ISO instants, inclusive from, exclusive to, on receivedAt. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}
