import { PLANS, type BusinessStatus, type Plan } from '@beaker/contracts';

/**
 * What our billing handlers read from Stripe's objects, pulled out defensively: Stripe moved some
 * fields between API versions (basil moved `invoice.subscription` under `parent` and the period
 * onto subscription items), so both places are read. Pure, so the shapes are unit-tested.
 */

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
/** An id, or the id of an expanded object. */
const idOf = (v: unknown): string | undefined => str(v) ?? str(obj(v)?.id);
const seconds = (v: unknown): Date | null => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? new Date(v * 1000) : null);
const asPlan = (v: unknown): Plan | undefined => ((PLANS as readonly unknown[]).includes(v) ? (v as Plan) : undefined);

export interface StripeEventEnvelope {
  id: string;
  type: string;
  /** When Stripe created the event: orders what it says about one subscription. */
  createdAt: Date | null;
  object: Json;
}

export function envelopeOf(payload: unknown): StripeEventEnvelope | null {
  const event = obj(payload);
  const object = obj(obj(event?.data)?.object);
  const id = str(event?.id);
  const type = str(event?.type);
  if (!event || !object || !id || !type) return null;
  return { id, type, createdAt: seconds(event.created), object };
}

export interface CheckoutFacts {
  sessionId: string;
  mode: string | undefined;
  /** Our user id (client_reference_id). */
  userId: string | undefined;
  email: string | undefined;
  customerId: string | undefined;
  subscriptionId: string | undefined;
  trialId: string | undefined;
  /** A canceled business subscribing again (our metadata). */
  businessId: string | undefined;
  plan: Plan | undefined;
  paid: boolean;
}

export function checkoutFacts(session: Json): CheckoutFacts {
  const metadata = obj(session.metadata) ?? {};
  const details = obj(session.customer_details);
  const paymentStatus = str(session.payment_status);
  return {
    sessionId: str(session.id) ?? '',
    mode: str(session.mode),
    userId: str(session.client_reference_id),
    email: str(details?.email) ?? str(session.customer_email),
    customerId: idOf(session.customer),
    subscriptionId: idOf(session.subscription),
    trialId: str(metadata.trialId),
    businessId: str(metadata.businessId),
    plan: asPlan(metadata.plan),
    // no_payment_required: a 100 % coupon is still a subscription.
    paid: paymentStatus === undefined || paymentStatus === 'paid' || paymentStatus === 'no_payment_required',
  };
}

/** Stripe's subscription statuses in our three words. */
export function businessStatusFor(stripeStatus: string | undefined): BusinessStatus | null {
  switch (stripeStatus) {
    case 'active':
    case 'trialing':
      return 'active';
    case 'past_due':
    case 'unpaid':
    case 'paused':
      return 'past_due';
    case 'canceled':
    case 'incomplete_expired':
      return 'canceled';
    default:
      // incomplete: the first payment is still being attempted; nothing to change yet.
      return null;
  }
}

export interface SubscriptionFacts {
  subscriptionId: string;
  customerId: string | undefined;
  stripeStatus: string | undefined;
  status: BusinessStatus | null;
  priceId: string | undefined;
  /** From the price's metadata or the subscription's (the price id is mapped by the caller first). */
  planHint: Plan | undefined;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  /** Set to end at the period's end (or at `cancel_at`): active until then. */
  cancelAtPeriodEnd: boolean;
}

export function subscriptionFacts(subscription: Json): SubscriptionFacts {
  const items = (obj(subscription.items)?.data as unknown[] | undefined)?.map(obj).filter((i): i is Json => i !== undefined) ?? [];
  const item = items[0];
  const price = obj(item?.price) ?? obj(item?.plan);
  const stripeStatus = str(subscription.status);
  return {
    subscriptionId: str(subscription.id) ?? '',
    customerId: idOf(subscription.customer),
    stripeStatus,
    status: businessStatusFor(stripeStatus),
    priceId: str(price?.id),
    planHint: asPlan(obj(price?.metadata)?.plan) ?? asPlan(obj(subscription.metadata)?.plan),
    currentPeriodStart: seconds(item?.current_period_start) ?? seconds(subscription.current_period_start),
    currentPeriodEnd: seconds(item?.current_period_end) ?? seconds(subscription.current_period_end),
    // Stripe's portal may schedule the end as `cancel_at` rather than `cancel_at_period_end`: either way it ends later.
    cancelAtPeriodEnd: subscription.cancel_at_period_end === true || typeof subscription.cancel_at === 'number',
  };
}

export interface InvoiceFacts {
  invoiceId: string;
  customerId: string | undefined;
  subscriptionId: string | undefined;
  billingReason: string | undefined;
  attemptCount: number;
  /** The subscription period this invoice pays for (its subscription line), null for other invoices. */
  periodStart: Date | null;
  periodEnd: Date | null;
  amountDue: number | null;
  /** What was paid, in the currency's smallest unit (cents). */
  amountPaid: number | null;
  /** ISO 4217, lower case (`usd`). */
  currency: string | undefined;
  /** When it was paid (`status_transitions.paid_at`). */
  paidAt: Date | null;
  hostedInvoiceUrl: string | undefined;
}

export function invoiceFacts(invoice: Json): InvoiceFacts {
  const lines = (obj(invoice.lines)?.data as unknown[] | undefined)?.map(obj).filter((l): l is Json => l !== undefined) ?? [];
  const lineSubscription = (line: Json): string | undefined =>
    idOf(line.subscription) ?? idOf(obj(obj(line.parent)?.subscription_item_details)?.subscription);
  const subscriptionId =
    idOf(invoice.subscription) ?? idOf(obj(obj(invoice.parent)?.subscription_details)?.subscription) ?? lines.map(lineSubscription).find(Boolean);
  // The subscription's own lines (prorations of a plan change have their own, shorter periods, and
  // start no period: an invoice of prorations only pays for none).
  const proration = (line: Json): boolean =>
    obj(obj(line.parent)?.subscription_item_details)?.proration === true || obj(obj(line.parent)?.invoice_item_details)?.proration === true || line.proration === true;
  const periodLines = lines.filter((l) => lineSubscription(l) !== undefined && obj(l.period) && !proration(l));
  let periodStart: Date | null = null;
  let periodEnd: Date | null = null;
  for (const line of periodLines) {
    const period = obj(line.period)!;
    const start = seconds(period.start);
    const end = seconds(period.end);
    if (start && end && end > start && (!periodEnd || end > periodEnd)) {
      periodStart = start;
      periodEnd = end;
    }
  }
  return {
    invoiceId: str(invoice.id) ?? '',
    customerId: idOf(invoice.customer),
    subscriptionId,
    billingReason: str(invoice.billing_reason),
    attemptCount: typeof invoice.attempt_count === 'number' ? invoice.attempt_count : 0,
    periodStart,
    periodEnd,
    amountDue: typeof invoice.amount_due === 'number' ? invoice.amount_due : null,
    amountPaid: typeof invoice.amount_paid === 'number' ? invoice.amount_paid : null,
    currency: str(invoice.currency)?.toLowerCase(),
    paidAt: seconds(obj(invoice.status_transitions)?.paid_at),
    hostedInvoiceUrl: str(invoice.hosted_invoice_url),
  };
}
