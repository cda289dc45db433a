import type { Provider } from '@beaker/contracts';

/**
 * The provider event types the product has handlers for, by provider: the names a handler may be
 * declared for (`@WebhookHandler('stripe', 'invoice.paid')` type-checks; a misspelt type does not).
 * Events of any other type are stored and completed as ignored.
 */
export const WEBHOOK_EVENT_TYPES = {
  stripe: [
    'checkout.session.completed',
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'invoice.paid',
    'invoice.payment_failed',
  ],
  twilio: ['call-status', 'message-status', 'incoming-message'],
  vapi: ['status-update', 'end-of-call-report', 'assistant-request', 'tool-calls', 'hang'],
} as const satisfies Record<Provider, readonly string[]>;

export type WebhookEventType<P extends Provider = Provider> = (typeof WEBHOOK_EVENT_TYPES)[P][number];
