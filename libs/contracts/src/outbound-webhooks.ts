/**
 * Outbound webhooks: the events Beaker sends to a business's endpoints, signed (see the API
 * reference on /docs for the `Beaker-Signature` header and how to verify it).
 */
export const WEBHOOK_EVENT_TYPES = [
  'call.completed',
  'lead.created',
  'lead.called',
  'lead.deferred',
  'lead.blocked',
  'subscription.updated',
  'number.provisioned',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The event "Send a test event" sends; it goes to that endpoint only, whatever its event types. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

/** The version of the events' shape; it changes only when a field changes meaning or goes away. */
export const WEBHOOK_API_VERSION = '2026-12-01';

/** Every event delivered to an endpoint (the POST body). */
export interface OutboundWebhookEvent<T = Record<string, unknown>> {
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT_TYPE;
  /** When the change happened (ISO 8601). */
  created: string;
  apiVersion: string;
  data: T;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  /** Why it is disabled: `failing` (5 days of failed deliveries) or `owner`; null when enabled. */
  disabledReason: 'failing' | 'owner' | null;
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEndpointCreated extends WebhookEndpoint {
  /** The signing secret (`whsec_…`): in this answer only. */
  secret: string;
}

export interface WebhookEndpointInput {
  url: string;
  eventTypes: WebhookEventType[];
  description?: string;
  enabled?: boolean;
}

export interface WebhookSecretRotated {
  /** The new signing secret: in this answer only. */
  secret: string;
  /** Until then the previous secret signs too (24 hours). */
  previousSecretExpiresAt: string;
}

/** One attempt of delivering one event to one endpoint (the delivery log). */
export interface WebhookDeliveryAttempt {
  id: string;
  deliveryId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed without an answer (timeout, refused address, connection error), else null. */
  error: string | null;
  /** The first 2 KB of the response body. */
  responseBody: string | null;
  at: string;
  /** The delivery's state now: pending (another attempt is scheduled), succeeded, failed, canceled. */
  deliveryStatus: 'pending' | 'succeeded' | 'failed' | 'canceled';
  nextAttemptAt: string | null;
}

export interface WebhookTestSent {
  eventId: string;
  deliveryId: string;
}
