import type { Plan } from './enums';

/** Going live: Stripe Checkout, the customer portal, and the sandbox's stand-ins for both (PRODUCT.md, journey 2). */

/** POST /v1/billing/checkout-sessions */
export interface CheckoutSessionCreateRequest {
  plan: Plan;
  /** The trial whose persona the business takes over; it becomes `converted` once paid. */
  trialId?: string;
  /**
   * Subscribe a canceled business again (its owners): once paid, the same business is active again
   * with the same assistant and number (unless the number was released). Not with `trialId`.
   */
  businessId?: string;
}

/** 201 of POST /v1/billing/checkout-sessions: send the browser to `url` (Stripe Checkout, or the sandbox page). */
export interface CheckoutSessionCreated {
  id: string;
  url: string;
}

/**
 * GET /v1/billing/checkout-sessions/:id — what the success page polls until the business exists.
 * `pending`: paid or not, Stripe's event has not created the business yet.
 */
export interface CheckoutSessionStatus {
  id: string;
  status: 'pending' | 'complete';
  businessId: string | null;
}

/** POST /v1/billing/portal-sessions (owners). */
export interface PortalSessionCreateRequest {
  businessId: string;
}

/** 201 of POST /v1/billing/portal-sessions: Stripe's customer portal, or the sandbox portal page. */
export interface PortalSessionCreated {
  url: string;
}

/**
 * GET /v1/businesses/:id/subscription/plan-change?plan= (owners): what switching plans costs, from
 * Stripe's invoice preview, before anything changes. Amounts in cents. The change is invoiced at
 * once: `amountDueNow` is charged to the card on file when it applies; a negative
 * `prorationAmount` (a downgrade) is a credit that lowers the next invoice.
 */
export interface PlanChangePreview {
  currentPlan: Plan;
  plan: Plan;
  currency: string;
  /** The new plan's price a month. */
  newPrice: number;
  /** Net of the period's unused time on the old plan (credited) and its rest on the new one (charged). */
  prorationAmount: number;
  amountDueNow: number;
  /** The first renewal on the new plan: its price less any credit left from the proration. */
  nextInvoiceAmount: number;
  nextInvoiceDate: string | null;
  /** Seconds since the epoch: send it back with the change so that it is charged as shown. */
  prorationDate: number;
}

/** POST /v1/businesses/:id/subscription/plan-change (owners) */
export interface PlanChangeRequest {
  plan: Plan;
  /** The preview's `prorationDate` (at most an hour old). */
  prorationDate: number;
}

/** 200 of POST /v1/businesses/:id/subscription/plan-change: Stripe has the new price; its event updates the business's plan. */
export interface PlanChangeResult {
  plan: Plan;
  amountDueNow: number;
  currentPeriodEnd: string | null;
}

/** GET /v1/sandbox/checkout-sessions/:id (sandbox mode only): what the sandbox checkout page shows. */
export interface SandboxCheckoutSessionView {
  id: string;
  plan: Plan;
  planName: string;
  /** US cents a month. */
  amountTotal: number;
  currency: string;
  customerEmail: string;
  status: 'open' | 'complete' | 'expired';
  successUrl: string;
  cancelUrl: string;
}

export interface SandboxDeliveryView {
  eventId: string;
  type: string;
  status: number | string;
}

/** 200 of POST /v1/sandbox/checkout-sessions/:id/pay */
export interface SandboxPayResult {
  session: SandboxCheckoutSessionView;
  /** Where the page sends the customer next (the success URL). */
  redirectUrl: string;
  deliveries: SandboxDeliveryView[];
}

export interface SandboxSubscriptionView {
  id: string;
  plan: Plan;
  status: 'active' | 'past_due' | 'canceled';
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: string;
}

/** GET /v1/sandbox/portal/:customerId (sandbox mode only). */
export interface SandboxPortalView {
  customerId: string;
  email: string;
  subscription: SandboxSubscriptionView | null;
  returnUrl: string | null;
}

/** 200 of POST /v1/sandbox/portal/:customerId/cancel and …/change-plan */
export interface SandboxPortalChange {
  subscription: SandboxSubscriptionView;
  deliveries: SandboxDeliveryView[];
}
