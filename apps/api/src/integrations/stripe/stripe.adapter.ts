import { Injectable } from '@nestjs/common';
import type { Plan } from '@beaker/contracts';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { AppConfig } from '../../config/app-config';
import type { BreakerName } from '../resilience/breaker-names';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import { PermanentProviderError, parseRetryAfter, providerHttpError, providerNetworkError } from '../providers.errors';
import { STRIPE_API_VERSION } from './stripe.api-version';
import { BillingPort, CheckoutSessionRequest, PlanChangePreview, PlanChangeRequest, SubscriptionSnapshot } from './stripe.port';
import { planForPrice, priceForPlan } from './stripe.plans';


/** Stripe, live, through its SDK; every call inside its breaker. */
@Injectable()
export class StripeAdapter extends BillingPort {
  /** Per request; the breaker's retries come on top. */
  requestTimeoutMs = 10_000;
  /** Another API host (tests: a local server that never answers, to see real timeouts). */
  endpoint?: { host: string; port: number; protocol: 'http' | 'https' };
  private client?: Stripe;

  constructor(
    private readonly config: AppConfig,
    private readonly breakers: ProviderCircuitBreakers,
  ) {
    super();
  }

  async createCheckoutSession(request: CheckoutSessionRequest): Promise<{ id: string; url: string }> {
    const metadata = { ...request.metadata, plan: request.plan };
    const session = await this.breakers.run('stripe:create_checkout_session', () =>
      this.call('stripe:create_checkout_session', () =>
        this.stripe().checkout.sessions.create(
          {
            mode: 'subscription',
            line_items: [{ price: priceForPlan(this.config, request.plan), quantity: 1 }],
            ...(request.customerId ? { customer: request.customerId } : { customer_email: request.customerEmail }),
            client_reference_id: request.clientReferenceId,
            metadata,
            subscription_data: { metadata },
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          // The same key on every retry: Stripe answers the first session again.
          { idempotencyKey: request.idempotencyKey },
        ),
      ),
    );
    return { id: session.id, url: session.url ?? '' };
  }

  async createPortalSession(request: { customerId: string; returnUrl: string }): Promise<{ url: string }> {
    // One key per logical request, so that our retries do not open several sessions.
    const idempotencyKey = `portal-${randomUUID()}`;
    const session = await this.breakers.run('stripe:create_portal_session', () =>
      this.call('stripe:create_portal_session', () =>
        this.stripe().billingPortal.sessions.create({ customer: request.customerId, return_url: request.returnUrl }, { idempotencyKey }),
      ),
    );
    return { url: session.url };
  }

  /**
   * No fallback here on purpose: "unknown to Stripe" (null) and "Stripe unreachable" (throws)
   * must not be confused, or an outage would look like a canceled subscription.
   */
  async getSubscription(id: string): Promise<SubscriptionSnapshot | null> {
    try {
      const subscription = await this.breakers.run('stripe:get_subscription', () =>
        this.call('stripe:get_subscription', () => this.stripe().subscriptions.retrieve(id)),
      );
      return this.snapshot(subscription);
    } catch (err) {
      if (err instanceof PermanentProviderError && err.notFound) return null;
      throw err;
    }
  }

  /** POST /v1/subscriptions/:id with `cancel_at_period_end=false` (Stripe's documented way to keep a subscription set to cancel). */
  async resumeSubscription(id: string): Promise<SubscriptionSnapshot> {
    const subscription = await this.breakers.run('stripe:resume_subscription', () =>
      this.call('stripe:resume_subscription', () => this.stripe().subscriptions.update(id, { cancel_at_period_end: false }, { idempotencyKey: `resume-${randomUUID()}` })),
    );
    return this.snapshot(subscription);
  }

  /**
   * Stripe's invoice preview (`invoices.createPreview`, POST /v1/invoices/create_preview) of the
   * subscription with its item on the new price at `proration_date`, invoiced at once: the
   * proration lines (`parent.subscription_item_details.proration`) net to `prorationAmount`, and
   * the preview's `amount_due` is what that invoice collects.
   */
  async previewPlanChange(request: PlanChangeRequest): Promise<PlanChangePreview> {
    const itemId = await this.itemIdOf(request.subscriptionId);
    const invoice = await this.breakers.run('stripe:preview_plan_change', () =>
      this.call('stripe:preview_plan_change', () =>
        this.stripe().invoices.createPreview({
          subscription: request.subscriptionId,
          subscription_details: {
            items: [{ id: itemId, price: priceForPlan(this.config, request.plan) }],
            proration_date: request.prorationDate,
            proration_behavior: 'always_invoice',
          },
        }),
      ),
    );
    const prorationAmount = (invoice.lines?.data ?? [])
      .filter((line) => line.parent?.subscription_item_details?.proration === true || line.parent?.invoice_item_details?.proration === true)
      .reduce((sum, line) => sum + line.amount, 0);
    return { plan: request.plan, currency: invoice.currency, prorationDate: request.prorationDate, prorationAmount, amountDueNow: invoice.amount_due };
  }

  /** POST /v1/subscriptions/:id: the item's price replaced at the previewed `proration_date`, the proration invoiced at once. */
  async changePlan(request: PlanChangeRequest): Promise<SubscriptionSnapshot> {
    const itemId = await this.itemIdOf(request.subscriptionId);
    // One key per change (plan and moment): a retry of ours is the same change at Stripe.
    const idempotencyKey = `change-plan-${request.subscriptionId}-${request.plan}-${request.prorationDate}`;
    const subscription = await this.breakers.run('stripe:change_plan', () =>
      this.call('stripe:change_plan', () =>
        this.stripe().subscriptions.update(
          request.subscriptionId,
          {
            items: [{ id: itemId, price: priceForPlan(this.config, request.plan) }],
            proration_date: request.prorationDate,
            proration_behavior: 'always_invoice',
            metadata: { plan: request.plan },
          },
          { idempotencyKey },
        ),
      ),
    );
    return this.snapshot(subscription);
  }

  /** The subscription's one item (a Beaker subscription has one price). */
  private async itemIdOf(subscriptionId: string): Promise<string> {
    const subscription = await this.breakers.run('stripe:get_subscription', () =>
      this.call('stripe:get_subscription', () => this.stripe().subscriptions.retrieve(subscriptionId)),
    );
    const itemId = subscription.items?.data?.[0]?.id;
    if (!itemId) throw new PermanentProviderError({ provider: 'stripe', operation: 'stripe:get_subscription', providerMessage: 'The subscription has no item' });
    return itemId;
  }

  private snapshot(subscription: Stripe.Subscription): SubscriptionSnapshot {
    const item = subscription.items?.data?.[0];
    const priceId = item?.price?.id ?? null;
    // Since 2025-03-31 the period lives on the items.
    const periodEnd = item?.current_period_end ?? (subscription as unknown as { current_period_end?: number }).current_period_end;
    return {
      id: subscription.id,
      customerId: typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id,
      status: subscription.status as SubscriptionSnapshot['status'],
      priceId,
      plan: planForPrice(this.config, priceId) as Plan | null,
      currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
      cancelAtPeriodEnd: subscription.cancel_at_period_end,
      metadata: subscription.metadata ?? {},
    };
  }

  private stripe(): Stripe {
    this.client ??= new Stripe(this.config.env.STRIPE_API_KEY ?? '', {
      apiVersion: STRIPE_API_VERSION,
      // Our resilience layer retries; the SDK's own retries would multiply them.
      maxNetworkRetries: 0,
      timeout: this.requestTimeoutMs,
      // Node's http module (not fetch): plain, and what HTTP interception in tests sees.
      httpClient: Stripe.createNodeHttpClient(),
      telemetry: false,
      appInfo: { name: 'Beaker' },
      ...this.endpoint,
    });
    return this.client;
  }

  /** Stripe's failures → ProviderErrors. */
  private async call<T>(operation: BreakerName, fn: () => Promise<T>): Promise<T> {
    const base = { provider: 'stripe' as const, operation };
    try {
      return await fn();
    } catch (err) {
      const e = err as { type?: string; statusCode?: number; code?: string; message?: string; headers?: Record<string, string> };
      if (e?.type === 'StripeConnectionError' || !e?.statusCode) throw providerNetworkError(base, err);
      throw providerHttpError(base, e.statusCode, {
        providerCode: e.code,
        providerMessage: e.message,
        retryAfterMs: parseRetryAfter(e.headers?.['retry-after']),
      });
    }
  }
}
