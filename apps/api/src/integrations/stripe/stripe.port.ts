import type { Plan } from '@beaker/contracts';

export interface CheckoutSessionRequest {
  plan: Plan;
  customerEmail: string;
  /** Our user id. */
  clientReferenceId: string;
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  /** Same key, same session: a double click does not open two checkouts. */
  idempotencyKey: string;
}

export interface SubscriptionSnapshot {
  id: string;
  customerId: string;
  status: 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete' | 'incomplete_expired' | 'trialing' | 'paused';
  priceId: string | null;
  plan: Plan | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  metadata: Record<string, string>;
}

/** Billing (Stripe): checkout, the customer portal, subscriptions. */
export abstract class BillingPort {
  abstract createCheckoutSession(request: CheckoutSessionRequest): Promise<{ id: string; url: string }>;
  abstract createPortalSession(request: { customerId: string; returnUrl: string }): Promise<{ url: string }>;
  /** null when Stripe does not know it. */
  abstract getSubscription(id: string): Promise<SubscriptionSnapshot | null>;
  /**
   * Undoes a cancellation scheduled for the period's end (`cancel_at_period_end: false`): the
   * subscription renews as before. Stripe sends customer.subscription.updated.
   */
  abstract resumeSubscription(id: string): Promise<SubscriptionSnapshot>;
}
