import { Injectable, Logger } from '@nestjs/common';
import type { Plan } from '@beaker/contracts';
import { PLAN_CATALOG } from '@beaker/contracts';
import { randomBytes } from 'node:crypto';
import { Clock } from '../../../common/clock';
import { RedisService } from '../../../common/redis/redis.service';
import { AppConfig } from '../../../config/app-config';
import { SandboxCheckoutNotFound, SandboxCheckoutNotOpen, SandboxCustomerNotFound, SandboxNoSubscription } from '../sandbox.errors';
import { planForPrice, priceForPlan } from '../../stripe/stripe.plans';
import { BillingPort, CheckoutSessionRequest, PlanChangePreview, PlanChangeRequest, SubscriptionSnapshot } from '../../stripe/stripe.port';
import {
  SandboxCheckoutSession,
  SandboxSubscription,
  checkoutSessionObject,
  eventObject,
  invoiceObject,
  prorationInvoiceObject,
  prorationOf,
  subscriptionObject,
} from './stripe.sandbox.objects';
import { STRIPE_SIGNATURE_HEADER, signStripePayload } from '../../stripe/stripe.webhook-signature';

interface SandboxCustomer {
  id: string;
  email: string;
  subscriptionId: string | null;
  portalReturnUrl?: string;
}

export interface SandboxDelivery {
  eventId: string;
  type: string;
  /** Our webhook endpoint's HTTP status, or the network error. */
  status: number | string;
}

const KEY = {
  session: (id: string) => `sandbox:stripe:checkout-session:${id}`,
  idempotency: (key: string) => `sandbox:stripe:idempotency:${key}`,
  subscription: (id: string) => `sandbox:stripe:subscription:${id}`,
  customer: (id: string) => `sandbox:stripe:customer:${id}`,
};
const TTL_SECONDS = 30 * 24 * 3600;
const id = (prefix: string) => `${prefix}_sbx_${randomBytes(12).toString('hex')}`;

/**
 * Stripe without an account. Checkout opens the SPA's sandbox checkout page
 * (`/sandbox/checkout/:sessionId`); "Pay" sends checkout.session.completed,
 * customer.subscription.created and invoice.paid, signed with STRIPE_WEBHOOK_SECRET, over HTTP to
 * `${APP_URL}/webhooks/stripe`. The sandbox portal (`/sandbox/portal/:customerId`) cancels or
 * changes the plan and sends the matching customer.subscription.* events.
 */
@Injectable()
export class StripeSandbox extends BillingPort {
  private readonly logger = new Logger('StripeSandbox');

  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async createCheckoutSession(request: CheckoutSessionRequest): Promise<{ id: string; url: string }> {
    const sessionId = `cs_test_sbx_${randomBytes(16).toString('hex')}`;
    // Same idempotency key, same session (like Stripe, for 24 h).
    const claimed = await this.redis.client.set(KEY.idempotency(request.idempotencyKey), sessionId, 'EX', 24 * 3600, 'NX');
    if (claimed !== 'OK') {
      const existing = await this.redis.client.get(KEY.idempotency(request.idempotencyKey));
      if (existing) return { id: existing, url: this.checkoutUrl(existing) };
    }
    const now = this.nowSeconds();
    const session: SandboxCheckoutSession = {
      id: sessionId,
      plan: request.plan,
      priceId: priceForPlan(this.config, request.plan),
      amountTotal: PLAN_CATALOG[request.plan].monthlyPriceCents,
      currency: 'usd',
      customerEmail: request.customerEmail,
      ...(request.customerId ? { existingCustomerId: request.customerId } : {}),
      clientReferenceId: request.clientReferenceId,
      metadata: { ...request.metadata, plan: request.plan },
      successUrl: request.successUrl,
      cancelUrl: request.cancelUrl,
      status: 'open',
      created: now,
      expiresAt: now + 24 * 3600,
    };
    await this.saveSession(session);
    return { id: sessionId, url: this.checkoutUrl(sessionId) };
  }

  async createPortalSession(request: { customerId: string; returnUrl: string }): Promise<{ url: string }> {
    const customer = await this.customer(request.customerId);
    await this.saveCustomer({ ...customer, portalReturnUrl: request.returnUrl });
    return { url: `${this.config.appUrl}/sandbox/portal/${encodeURIComponent(request.customerId)}` };
  }

  async getSubscription(subscriptionId: string): Promise<SubscriptionSnapshot | null> {
    const sub = await this.subscription(subscriptionId);
    if (!sub) return null;
    return {
      id: sub.id,
      customerId: sub.customerId,
      status: sub.status,
      priceId: sub.priceId,
      plan: planForPrice(this.config, sub.priceId),
      currentPeriodEnd: new Date(sub.currentPeriodEnd * 1000),
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      metadata: sub.metadata,
    };
  }

  async resumeSubscription(subscriptionId: string): Promise<SubscriptionSnapshot> {
    const sub = await this.subscription(subscriptionId);
    if (!sub) throw new SandboxNoSubscription();
    await this.resume(sub.customerId);
    return (await this.getSubscription(subscriptionId))!;
  }

  async checkoutSession(sessionId: string): Promise<SandboxCheckoutSession> {
    const raw = await this.redis.client.get(KEY.session(sessionId));
    if (!raw) throw new SandboxCheckoutNotFound();
    const session = JSON.parse(raw) as SandboxCheckoutSession;
    if (session.status === 'open' && session.expiresAt < this.nowSeconds()) session.status = 'expired';
    return session;
  }

  /** "Pay": the customer, subscription and paid invoice come to be, and Stripe's three events are sent. */
  async pay(sessionId: string): Promise<{ session: SandboxCheckoutSession; deliveries: SandboxDelivery[] }> {
    const session = await this.checkoutSession(sessionId);
    if (session.status !== 'open') throw new SandboxCheckoutNotOpen();
    const now = this.nowSeconds();
    // Paying as an existing customer (a canceled business subscribing again) keeps that customer.
    const existing = session.existingCustomerId ? await this.customer(session.existingCustomerId).catch(() => null) : null;
    const customer: SandboxCustomer = existing ? { ...existing, subscriptionId: null } : { id: id('cus'), email: session.customerEmail, subscriptionId: null };
    const sub: SandboxSubscription = {
      id: id('sub'),
      customerId: customer.id,
      plan: session.plan,
      priceId: session.priceId,
      status: 'active',
      created: now,
      currentPeriodStart: now,
      currentPeriodEnd: addMonth(now),
      cancelAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
      itemId: id('si'),
      latestInvoiceId: id('in'),
      metadata: session.metadata,
    };
    customer.subscriptionId = sub.id;
    const completed: SandboxCheckoutSession = { ...session, status: 'complete', customerId: customer.id, subscriptionId: sub.id, invoiceId: sub.latestInvoiceId! };
    // Claim the session first: two clicks on "Pay" must not make two subscriptions.
    const claimed = await this.redis.client.set(`${KEY.session(sessionId)}:paid`, '1', 'EX', TTL_SECONDS, 'NX');
    if (claimed !== 'OK') throw new SandboxCheckoutNotOpen();
    await Promise.all([this.saveSession(completed), this.saveCustomer(customer), this.saveSubscription(sub)]);

    const deliveries: SandboxDelivery[] = [];
    deliveries.push(await this.send('checkout.session.completed', checkoutSessionObject(completed, this.checkoutUrl(sessionId)), now));
    deliveries.push(await this.send('customer.subscription.created', subscriptionObject(sub), now));
    deliveries.push(
      await this.send('invoice.paid', invoiceObject({ id: sub.latestInvoiceId!, sub, email: customer.email, created: now, billingReason: 'subscription_create' }), now),
    );
    return { session: completed, deliveries };
  }

  /** What the sandbox portal page shows. */
  async portal(customerId: string): Promise<{ customer: SandboxCustomer; subscription: SandboxSubscription | null }> {
    const customer = await this.customer(customerId);
    return { customer, subscription: customer.subscriptionId ? await this.subscription(customer.subscriptionId) : null };
  }

  /** Cancels now (customer.subscription.deleted) or at the period's end (customer.subscription.updated). */
  async cancel(customerId: string, atPeriodEnd: boolean): Promise<{ subscription: SandboxSubscription; deliveries: SandboxDelivery[] }> {
    const sub = await this.activeSubscription(customerId);
    const now = this.nowSeconds();
    if (atPeriodEnd) {
      const updated: SandboxSubscription = { ...sub, cancelAtPeriodEnd: true, canceledAt: now };
      await this.saveSubscription(updated);
      const delivery = await this.send('customer.subscription.updated', subscriptionObject(updated), now, { cancel_at_period_end: false, cancel_at: null, canceled_at: null });
      return { subscription: updated, deliveries: [delivery] };
    }
    const canceled: SandboxSubscription = { ...sub, status: 'canceled', canceledAt: now, endedAt: now };
    await this.saveSubscription(canceled);
    const delivery = await this.send('customer.subscription.deleted', subscriptionObject(canceled), now);
    return { subscription: canceled, deliveries: [delivery] };
  }

  /** Undoes a cancellation at the period's end (customer.subscription.updated), like Stripe's `cancel_at_period_end: false`. */
  async resume(customerId: string): Promise<{ subscription: SandboxSubscription; deliveries: SandboxDelivery[] }> {
    const sub = await this.activeSubscription(customerId);
    if (!sub.cancelAtPeriodEnd) return { subscription: sub, deliveries: [] };
    const now = this.nowSeconds();
    const resumed: SandboxSubscription = { ...sub, cancelAtPeriodEnd: false, canceledAt: null };
    await this.saveSubscription(resumed);
    const delivery = await this.send('customer.subscription.updated', subscriptionObject(resumed), now, { cancel_at_period_end: true, canceled_at: sub.canceledAt });
    return { subscription: resumed, deliveries: [delivery] };
  }

  /** Stripe's invoice preview, by the same proration rule (`prorationOf`). */
  async previewPlanChange(request: PlanChangeRequest): Promise<PlanChangePreview> {
    const sub = await this.subscription(request.subscriptionId);
    if (!sub || sub.status === 'canceled') throw new SandboxNoSubscription();
    const proration = prorationOf(sub, request.plan, request.prorationDate);
    return { plan: request.plan, currency: 'usd', prorationDate: request.prorationDate, prorationAmount: proration.net, amountDueNow: proration.amountDue };
  }

  async changePlan(request: PlanChangeRequest): Promise<SubscriptionSnapshot> {
    const sub = await this.subscription(request.subscriptionId);
    if (!sub || sub.status === 'canceled') throw new SandboxNoSubscription();
    await this.applyPlanChange(sub, request.plan, request.prorationDate);
    return (await this.getSubscription(request.subscriptionId))!;
  }

  /** The sandbox portal's plan switch: at once, prorated like any change. */
  async changePlanInPortal(customerId: string, plan: Plan): Promise<{ subscription: SandboxSubscription; deliveries: SandboxDelivery[] }> {
    const sub = await this.activeSubscription(customerId);
    return this.applyPlanChange(sub, plan, this.nowSeconds());
  }

  /**
   * customer.subscription.updated, then — like Stripe with `always_invoice` — the proration's
   * invoice, paid (invoice.paid) when it collects anything.
   */
  private async applyPlanChange(sub: SandboxSubscription, plan: Plan, prorationDate: number): Promise<{ subscription: SandboxSubscription; deliveries: SandboxDelivery[] }> {
    if (sub.plan === plan) return { subscription: sub, deliveries: [] };
    const now = this.nowSeconds();
    const before = subscriptionObject(sub);
    const invoiceId = id('in');
    const updated: SandboxSubscription = { ...sub, plan, priceId: priceForPlan(this.config, plan), metadata: { ...sub.metadata, plan }, latestInvoiceId: invoiceId };
    await this.saveSubscription(updated);
    const deliveries = [await this.send('customer.subscription.updated', subscriptionObject(updated), now, { items: before.items, metadata: sub.metadata })];
    const invoice = prorationInvoiceObject({ id: invoiceId, before: sub, after: updated, email: (await this.customer(sub.customerId)).email, prorationDate, created: now });
    if ((invoice.amount_due as number) > 0) deliveries.push(await this.send('invoice.paid', invoice, now));
    return { subscription: updated, deliveries };
  }

  private async activeSubscription(customerId: string): Promise<SandboxSubscription> {
    const { subscription } = await this.portal(customerId);
    if (!subscription || subscription.status === 'canceled') throw new SandboxNoSubscription();
    return subscription;
  }

  /** One signed event, POSTed to our Stripe webhook endpoint, once. */
  private async send(type: string, object: Record<string, unknown>, created: number, previousAttributes?: Record<string, unknown>): Promise<SandboxDelivery> {
    const event = eventObject({ id: id('evt'), type, object, created, previousAttributes });
    const payload = JSON.stringify(event);
    const url = `${this.config.appUrl}/webhooks/stripe`;
    let status: number | string;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          // Signed by Stripe's SDK at the injected clock's time: our receiver checks the 300 s tolerance against the same clock.
          [STRIPE_SIGNATURE_HEADER]: signStripePayload(this.config.env.STRIPE_WEBHOOK_SECRET, payload, this.nowSeconds()),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      status = response.status;
      if (!response.ok) this.logger.warn({ type, status }, 'sandbox stripe event refused by the server');
    } catch (err) {
      status = (err as Error).message;
      this.logger.warn({ type, err: status }, 'sandbox stripe event not delivered');
    }
    return { eventId: event.id as string, type, status };
  }

  private async customer(customerId: string): Promise<SandboxCustomer> {
    const raw = await this.redis.client.get(KEY.customer(customerId));
    if (!raw) throw new SandboxCustomerNotFound();
    return JSON.parse(raw) as SandboxCustomer;
  }

  private async subscription(subscriptionId: string): Promise<SandboxSubscription | null> {
    const raw = await this.redis.client.get(KEY.subscription(subscriptionId));
    return raw ? (JSON.parse(raw) as SandboxSubscription) : null;
  }

  private checkoutUrl(sessionId: string): string {
    return `${this.config.appUrl}/sandbox/checkout/${encodeURIComponent(sessionId)}`;
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private saveSession(session: SandboxCheckoutSession): Promise<unknown> {
    return this.redis.client.set(KEY.session(session.id), JSON.stringify(session), 'EX', TTL_SECONDS);
  }

  private saveCustomer(customer: SandboxCustomer): Promise<unknown> {
    return this.redis.client.set(KEY.customer(customer.id), JSON.stringify(customer), 'EX', TTL_SECONDS);
  }

  private saveSubscription(sub: SandboxSubscription): Promise<unknown> {
    return this.redis.client.set(KEY.subscription(sub.id), JSON.stringify(sub), 'EX', TTL_SECONDS);
  }
}

function addMonth(seconds: number): number {
  const d = new Date(seconds * 1000);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return Math.floor(d.getTime() / 1000);
}
