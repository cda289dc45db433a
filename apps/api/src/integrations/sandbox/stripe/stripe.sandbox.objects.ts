import type { Plan } from '@beaker/contracts';
import { PLAN_CATALOG } from '@beaker/contracts';
import { STRIPE_API_VERSION } from '../../stripe/stripe.api-version';

/**
 * Stripe objects as the sandbox sends them: the shapes of Stripe's published samples
 * (checkout.session, customer.subscription, invoice, event), with our ids and values.
 * Only fields Stripe has; the ones our handlers read are all there.
 */

export interface SandboxCheckoutSession {
  id: string;
  plan: Plan;
  priceId: string;
  amountTotal: number;
  currency: 'usd';
  customerEmail: string;
  clientReferenceId: string;
  metadata: Record<string, string>;
  successUrl: string;
  cancelUrl: string;
  status: 'open' | 'complete' | 'expired';
  created: number;
  expiresAt: number;
  /** Paying as an existing customer (Stripe's `customer` on the session). */
  existingCustomerId?: string;
  customerId?: string;
  subscriptionId?: string;
  invoiceId?: string;
}

export interface SandboxSubscription {
  id: string;
  customerId: string;
  plan: Plan;
  priceId: string;
  status: 'active' | 'past_due' | 'canceled';
  created: number;
  currentPeriodStart: number;
  currentPeriodEnd: number;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  endedAt: number | null;
  itemId: string;
  latestInvoiceId: string | null;
  metadata: Record<string, string>;
}

type StripeObject = Record<string, unknown>;

export function checkoutSessionObject(session: SandboxCheckoutSession, url: string): StripeObject {
  const complete = session.status === 'complete';
  return {
    id: session.id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: null,
    amount_subtotal: session.amountTotal,
    amount_total: session.amountTotal,
    automatic_tax: { enabled: false, liability: null, status: null, provider: null },
    billing_address_collection: null,
    cancel_url: session.cancelUrl,
    client_reference_id: session.clientReferenceId,
    client_secret: null,
    consent: null,
    consent_collection: null,
    created: session.created,
    currency: session.currency,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: session.customerId ?? null,
    customer_creation: 'always',
    customer_details: complete
      ? {
          address: { city: null, country: 'US', line1: null, line2: null, postal_code: null, state: null },
          email: session.customerEmail,
          name: null,
          phone: null,
          tax_exempt: 'none',
          tax_ids: [],
        }
      : null,
    customer_email: session.customerEmail,
    expires_at: session.expiresAt,
    invoice: session.invoiceId ?? null,
    invoice_creation: null,
    livemode: false,
    locale: null,
    metadata: session.metadata,
    mode: 'subscription',
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'always',
    payment_method_types: ['card'],
    payment_status: complete ? 'paid' : 'unpaid',
    phone_number_collection: { enabled: false },
    recovered_from: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: session.status,
    submit_type: null,
    subscription: session.subscriptionId ?? null,
    success_url: session.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: complete ? null : url,
  };
}

export function priceObject(priceId: string, plan: Plan, created: number): StripeObject {
  const amount = PLAN_CATALOG[plan].monthlyPriceCents;
  return {
    id: priceId,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created,
    currency: 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: `beaker_${plan}_monthly`,
    metadata: { plan },
    nickname: PLAN_CATALOG[plan].name,
    product: `prod_sbx_beaker_${plan}`,
    recurring: { interval: 'month', interval_count: 1, meter: null, usage_type: 'licensed', trial_period_days: null },
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: amount,
    unit_amount_decimal: String(amount),
  };
}

export function subscriptionObject(sub: SandboxSubscription): StripeObject {
  return {
    id: sub.id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false, liability: null, disabled_reason: null },
    billing_cycle_anchor: sub.currentPeriodStart,
    billing_cycle_anchor_config: null,
    billing_thresholds: null,
    cancel_at: sub.cancelAtPeriodEnd ? sub.currentPeriodEnd : null,
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    canceled_at: sub.canceledAt,
    cancellation_details: { comment: null, feedback: null, reason: sub.canceledAt ? 'cancellation_requested' : null },
    collection_method: 'charge_automatically',
    created: sub.created,
    currency: 'usd',
    customer: sub.customerId,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: sub.endedAt,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: {
      object: 'list',
      data: [
        {
          id: sub.itemId,
          object: 'subscription_item',
          created: sub.created,
          current_period_end: sub.currentPeriodEnd,
          current_period_start: sub.currentPeriodStart,
          discounts: [],
          metadata: {},
          price: priceObject(sub.priceId, sub.plan, sub.created),
          quantity: 1,
          subscription: sub.id,
          tax_rates: [],
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${sub.id}`,
    },
    latest_invoice: sub.latestInvoiceId,
    livemode: false,
    metadata: sub.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: sub.created,
    status: sub.status,
    test_clock: null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}

export function invoiceObject(input: { id: string; sub: SandboxSubscription; email: string; created: number; billingReason: string }): StripeObject {
  const { sub } = input;
  const amount = PLAN_CATALOG[sub.plan].monthlyPriceCents;
  return {
    id: input.id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Beaker (sandbox)',
    amount_due: amount,
    amount_paid: amount,
    amount_remaining: 0,
    amount_shipping: 0,
    attempt_count: 1,
    attempted: true,
    auto_advance: false,
    billing_reason: input.billingReason,
    collection_method: 'charge_automatically',
    created: input.created,
    currency: 'usd',
    customer: sub.customerId,
    customer_email: input.email,
    customer_name: null,
    description: null,
    discounts: [],
    due_date: null,
    effective_at: input.created,
    ending_balance: 0,
    hosted_invoice_url: null,
    invoice_pdf: null,
    lines: {
      object: 'list',
      data: [
        {
          id: `il_sbx_${input.id.slice(7)}`,
          object: 'line_item',
          amount,
          currency: 'usd',
          description: `1 × Beaker ${PLAN_CATALOG[sub.plan].name} (at $${(amount / 100).toFixed(2)} / month)`,
          discount_amounts: [],
          discountable: true,
          discounts: [],
          invoice: input.id,
          livemode: false,
          metadata: {},
          parent: {
            type: 'subscription_item_details',
            invoice_item_details: null,
            subscription_item_details: { invoice_item: null, proration: false, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: sub.itemId },
          },
          period: { start: sub.currentPeriodStart, end: sub.currentPeriodEnd },
          pricing: { type: 'price_details', price_details: { price: sub.priceId, product: `prod_sbx_beaker_${sub.plan}` }, unit_amount_decimal: String(amount) },
          quantity: 1,
          taxes: [],
        },
      ],
      has_more: false,
      url: `/v1/invoices/${input.id}/lines`,
    },
    livemode: false,
    metadata: {},
    number: `SBX-${input.created}`,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: sub.metadata, subscription: sub.id } },
    period_end: sub.currentPeriodStart,
    period_start: sub.currentPeriodStart,
    status: 'paid',
    status_transitions: { finalized_at: input.created, marked_uncollectible_at: null, paid_at: input.created, voided_at: null },
    subscription: sub.id,
    subtotal: amount,
    total: amount,
    webhooks_delivered_at: null,
  };
}

export function eventObject(input: { id: string; type: string; object: StripeObject; created: number; previousAttributes?: StripeObject }): StripeObject {
  return {
    id: input.id,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: input.created,
    data: { object: input.object, ...(input.previousAttributes ? { previous_attributes: input.previousAttributes } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: input.type,
  };
}

/**
 * The proration of a plan change at `prorationDate`, by Stripe's rule: the unused part of the
 * period (seconds left / seconds in the period) of the old price credited, the same part of the new
 * price charged, each rounded to the cent. Invoiced at once (`always_invoice`): the invoice collects
 * the net when positive; a negative net is a credit on the customer's balance.
 */
export function prorationOf(sub: SandboxSubscription, newPlan: Plan, prorationDate: number): { credit: number; charge: number; net: number; amountDue: number } {
  const period = sub.currentPeriodEnd - sub.currentPeriodStart;
  const unused = period > 0 ? Math.min(1, Math.max(0, (sub.currentPeriodEnd - prorationDate) / period)) : 0;
  const credit = -Math.round(PLAN_CATALOG[sub.plan].monthlyPriceCents * unused);
  const charge = Math.round(PLAN_CATALOG[newPlan].monthlyPriceCents * unused);
  const net = credit + charge;
  return { credit, charge, net, amountDue: Math.max(0, net) };
}

/** The invoice of a plan change's prorations (billing_reason `subscription_update`): a credit line for the old price, a charge for the new. */
export function prorationInvoiceObject(input: { id: string; before: SandboxSubscription; after: SandboxSubscription; email: string; prorationDate: number; created: number }): StripeObject {
  const { before, after } = input;
  const p = prorationOf(before, after.plan, input.prorationDate);
  const base = invoiceObject({ id: input.id, sub: after, email: input.email, created: input.created, billingReason: 'subscription_update' });
  const line = (suffix: string, amount: number, sub: SandboxSubscription, description: string) => ({
    id: `il_sbx_${input.id.slice(7)}_${suffix}`,
    object: 'line_item',
    amount,
    currency: 'usd',
    description,
    discount_amounts: [],
    discountable: false,
    discounts: [],
    invoice: input.id,
    livemode: false,
    metadata: {},
    parent: {
      type: 'subscription_item_details',
      invoice_item_details: null,
      subscription_item_details: { invoice_item: null, proration: true, proration_details: { credited_items: null }, subscription: sub.id, subscription_item: sub.itemId },
    },
    period: { start: input.prorationDate, end: sub.currentPeriodEnd },
    pricing: { type: 'price_details', price_details: { price: sub.priceId, product: `prod_sbx_beaker_${sub.plan}` }, unit_amount_decimal: String(amount) },
    quantity: 1,
    taxes: [],
  });
  return {
    ...base,
    amount_due: p.amountDue,
    amount_paid: p.amountDue,
    ending_balance: Math.min(0, p.net),
    lines: {
      object: 'list',
      data: [
        line('credit', p.credit, before, `Unused time on Beaker ${PLAN_CATALOG[before.plan].name}`),
        line('charge', p.charge, after, `Remaining time on Beaker ${PLAN_CATALOG[after.plan].name}`),
      ],
      has_more: false,
      url: `/v1/invoices/${input.id}/lines`,
    },
    subtotal: p.net,
    total: p.net,
  };
}
