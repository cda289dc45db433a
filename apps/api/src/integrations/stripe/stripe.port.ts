import type { Plan } from '@beaker/contracts';

export interface CheckoutSessionRequest {
  plan: Plan;
  customerEmail: string;
  /** An existing Stripe customer to pay as (a canceled business subscribing again); else one is made from the email. */
  customerId?: string;
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

/**
 * A plan change priced before it applies (Stripe's invoice preview with `subscription_details`):
 * amounts in the currency's smallest unit. The change is invoiced at once
 * (`proration_behavior: always_invoice`): `prorationAmount` is the net of the proration lines
 * (negative: a credit, which Stripe keeps on the customer's balance for the next invoice),
 * `amountDueNow` what that invoice collects (never below 0).
 */
export interface PlanChangePreview {
  plan: Plan;
  currency: string;
  /** Seconds since the epoch: the moment the proration is computed for; the change must pass the same. */
  prorationDate: number;
  prorationAmount: number;
  amountDueNow: number;
}

export interface PlanChangeRequest {
  subscriptionId: string;
  plan: Plan;
  /** The preview's: what was shown is what is charged. */
  prorationDate: number;
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
  /** What switching to `plan` costs if done at `prorationDate` (Stripe: `POST /v1/invoices/create_preview`). Changes nothing. */
  abstract previewPlanChange(request: PlanChangeRequest): Promise<PlanChangePreview>;
  /**
   * Switches the subscription's price at `prorationDate`, invoicing the proration at once (Stripe:
   * `POST /v1/subscriptions/:id` with the item's new price, `proration_date`, `always_invoice`).
   * Stripe sends customer.subscription.updated (and the proration invoice's events).
   */
  abstract changePlan(request: PlanChangeRequest): Promise<SubscriptionSnapshot>;
}
