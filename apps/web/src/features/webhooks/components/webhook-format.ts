import type { WebhookDeliveryAttempt, WebhookEndpoint, WebhookEventType } from '@beaker/contracts';
import { WEBHOOK_TEST_EVENT_TYPE } from '@beaker/contracts';
import { isApiError } from '../../../lib/api-error';
import { formatDateTime } from '../../dashboard/components/dashboard-format';

/** What each event type means, in the owner's words (the type itself is shown beside it, for developers). */
export const EVENT_TYPE_LABELS: Record<WebhookEventType, string> = {
  'call.completed': 'A call ended (with its report)',
  'lead.created': 'A new lead came in',
  'lead.called': 'Your assistant called a lead',
  'lead.deferred': 'A lead’s call was postponed (e.g. outside calling hours)',
  'lead.blocked': 'A lead can’t be called (e.g. on a do-not-call list)',
  'subscription.updated': 'Your subscription changed',
  'number.provisioned': 'Your phone number was connected',
};

export function eventTypeLabel(type: string): string {
  if (type === WEBHOOK_TEST_EVENT_TYPE) return 'Test event';
  return EVENT_TYPE_LABELS[type as WebhookEventType] ?? type;
}

/** The endpoint's state in a word, and why when it is off. */
export function endpointState(endpoint: Pick<WebhookEndpoint, 'enabled' | 'disabledReason' | 'failingSince'>): {
  label: string;
  tone: 'success' | 'warning' | 'danger' | 'neutral';
  reason: string | null;
} {
  if (endpoint.enabled) {
    return endpoint.failingSince
      ? { label: 'Failing', tone: 'warning', reason: `Every delivery has failed since ${formatDateTime(endpoint.failingSince)}. After 5 days of failures Beaker turns it off.` }
      : { label: 'On', tone: 'success', reason: null };
  }
  return endpoint.disabledReason === 'failing'
    ? {
        label: 'Off: failing',
        tone: 'danger',
        reason: 'Beaker turned it off after 5 days of failed deliveries and emailed the owners. Fix your receiver, send a test event, then turn it back on.',
      }
    : { label: 'Off', tone: 'neutral', reason: 'Someone on your team turned it off. Nothing is sent to it until it is turned back on.' };
}

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryAttempt['deliveryStatus'], string> = {
  pending: 'Retrying',
  succeeded: 'Delivered',
  failed: 'Failed',
  canceled: 'Canceled',
};

/** What came back: the status code, or why nothing did. */
export function attemptOutcome(attempt: Pick<WebhookDeliveryAttempt, 'statusCode' | 'error'>): string {
  if (attempt.statusCode !== null) return String(attempt.statusCode);
  return attempt.error ? 'No answer' : '—';
}

export function formatLatency(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/**
 * The API's errors as sentences a person can act on (a validation failure: its field messages).
 */
export function webhookProblem(error: unknown, fallback: string): string {
  if (isApiError(error, 'OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED')) {
    return `${error.detail ?? 'This URL cannot receive webhooks.'} Use an https:// address on the public internet (http://localhost works only while testing).`;
  }
  if (isApiError(error, 'OUTBOUND_WEBHOOKS.ENDPOINT_LIMIT')) {
    return 'You already have 20 endpoints, the most a business can have. Delete one you no longer use to add another.';
  }
  if (isApiError(error, 'OUTBOUND_WEBHOOKS.ENDPOINT_DISABLED')) {
    return 'This endpoint is turned off. Turn it on to send it events.';
  }
  if (isApiError(error, 'NOT_FOUND')) return 'This endpoint no longer exists: someone may have deleted it.';
  if (isApiError(error, 'AUTH.CSRF')) return 'Your session needs a refresh. Reload the page and try again.';
  if (isApiError(error)) {
    const messages = error.errors.flatMap((e) => e.messages);
    return messages.length > 0 ? messages.join(' ') : (error.detail ?? error.title);
  }
  return fallback;
}
