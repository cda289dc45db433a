import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { PLAN_CATALOG, type CheckoutSessionCreated, type CheckoutSessionStatus, type Plan, type PlanChangePreview, type PlanChangeResult, type PortalSessionCreated } from '@beaker/contracts';
import { Forbidden, NotFound } from '../../../common/errors/common.errors';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { BillingPort } from '../../../integrations/stripe/stripe.port';
import { MembershipService, type User } from '../../auth';
import { TrialsService } from '../../trials';
import { ValidationFailed } from '../../../common/errors/common.errors';
import { NoSubscription, PlanChangePreviewExpired, SamePlan, SubscriptionStillActive, TrialAlreadyConverted, TrialNotFound } from '../businesses.errors';
import { BusinessesRepository } from '../persistence/businesses.repository';
import { CheckoutStartsRepository } from '../persistence/checkout-starts.repository';

/** Checkout and the customer portal: the two ways a customer reaches Stripe. */
@Injectable()
export class BillingService {
  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly trials: TrialsService,
    private readonly config: AppConfig,
    private readonly billing: BillingPort,
    private readonly membership: MembershipService,
    private readonly checkoutStarts: CheckoutStartsRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * A Stripe Checkout Session in subscription mode for the plan; the user's id rides as
   * client_reference_id and the trial's in metadata, so the webhook knows whose business to create.
   */
  async createCheckoutSession(user: User, input: { plan: Plan; trialId?: string; businessId?: string }): Promise<CheckoutSessionCreated> {
    if (input.businessId) {
      if (input.trialId) throw new ValidationFailed('Send trialId or businessId, not both', { errors: [{ field: 'businessId', messages: ['not with trialId'] }] });
      return this.createResubscription(user, input.businessId, input.plan);
    }
    if (input.trialId) {
      const trial = await this.trials.find(input.trialId);
      if (!trial || trial.userId !== user.id) throw new TrialNotFound();
      if (trial.status === 'converted' || (await this.businesses.existsForTrial(trial.id))) {
        throw new TrialAlreadyConverted('This trial already has a live business: open it from your dashboard');
      }
    }
    // Same person, plan and trial → the same session (a double click opens one checkout). The count
    // of businesses they own makes a second business, later, a new session.
    const owned = await this.membership.countOwnedBy(user.id);
    const idempotencyKey = createHash('sha256').update(`checkout:${user.id}:${input.trialId ?? '-'}:${input.plan}:${owned}`).digest('hex');
    const appUrl = this.config.appUrl;
    const goLive = input.trialId ? `${appUrl}/go-live?trialId=${encodeURIComponent(input.trialId)}&canceled=1` : `${appUrl}/go-live?canceled=1`;
    const session = await this.billing.createCheckoutSession({
      plan: input.plan,
      customerEmail: user.email,
      clientReferenceId: user.id,
      metadata: { userId: user.id, plan: input.plan, ...(input.trialId ? { trialId: input.trialId } : {}) },
      // Stripe fills in {CHECKOUT_SESSION_ID}; the page waits there for the business to appear.
      successUrl: `${appUrl}/app/welcome?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: goLive,
      idempotencyKey,
    });
    // The funnel's "checkout started": once per session (the idempotency key answers a repeat with the same one).
    await this.checkoutStarts.record({ sessionId: session.id, userId: user.id, trialId: input.trialId ?? null, plan: input.plan, at: this.clock.now() });
    return { id: session.id, url: session.url };
  }

  /**
   * A canceled business subscribes again (owners): a checkout as its Stripe customer, with the
   * business in the metadata; once paid, the same business is active again (the checkout webhook).
   */
  private async createResubscription(user: User, businessId: string, plan: Plan): Promise<CheckoutSessionCreated> {
    const role = await this.membership.roleIn(businessId, user.id);
    if (!role) throw new NotFound('No such business');
    if (role !== 'owner') throw new Forbidden('Only owners manage billing');
    const sub = await this.businesses.subscriptionOf(businessId);
    if (!sub) throw new NotFound('No such business');
    if (sub.status !== 'canceled') throw new SubscriptionStillActive();
    // Same person, business, plan and ended subscription → the same session (a double click opens one checkout).
    const idempotencyKey = createHash('sha256').update(`resubscribe:${user.id}:${businessId}:${plan}:${sub.stripe_subscription_id ?? '-'}`).digest('hex');
    const appUrl = this.config.appUrl;
    const session = await this.billing.createCheckoutSession({
      plan,
      customerEmail: user.email,
      ...(sub.stripe_customer_id ? { customerId: sub.stripe_customer_id } : {}),
      clientReferenceId: user.id,
      metadata: { userId: user.id, plan, businessId },
      successUrl: `${appUrl}/app/welcome?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${appUrl}/app/businesses/${businessId}/billing`,
      idempotencyKey,
    });
    return { id: session.id, url: session.url };
  }

  /** Whether the checkout's business exists yet, for the person who paid (anyone else sees "pending"). */
  async checkoutStatus(user: User, sessionId: string): Promise<CheckoutSessionStatus> {
    const businessId = await this.businesses.idByCheckoutSession(sessionId);
    const theirs = businessId !== null && (await this.membership.roleIn(businessId, user.id)) !== null;
    return { id: sessionId, status: theirs ? 'complete' : 'pending', businessId: theirs ? businessId : null };
  }

  /** Stripe's customer portal (cards, invoices, cancel), for the business's owners. */
  async createPortalSession(user: User, businessId: string): Promise<PortalSessionCreated> {
    const role = await this.membership.roleIn(businessId, user.id);
    if (!role) throw new NotFound('No such business');
    if (role !== 'owner') throw new Forbidden('Only owners manage billing');
    const customerId = await this.businesses.stripeCustomerOf(businessId);
    if (!customerId) throw new NoSubscription();
    return this.billing.createPortalSession({ customerId, returnUrl: `${this.config.appUrl}/app/businesses/${businessId}/billing` });
  }

  /**
   * Keeps a subscription set to end at its period's end (owners; access checked by the route): Stripe
   * first, then the dashboard's flag; Stripe's customer.subscription.updated follows and agrees.
   */
  async resume(businessId: string, now: Date): Promise<{ cancelAtPeriodEnd: boolean; currentPeriodEnd: string | null }> {
    const ids = await this.businesses.stripeIdsOf(businessId);
    const status = await this.businesses.statusOf(businessId);
    if (!ids?.stripe_subscription_id || status === 'canceled') throw new NoSubscription();
    const snapshot = await this.billing.resumeSubscription(ids.stripe_subscription_id);
    await this.businesses.markResumed(businessId, now);
    return { cancelAtPeriodEnd: false, currentPeriodEnd: snapshot.currentPeriodEnd?.toISOString() ?? null };
  }

  /**
   * What switching to `plan` now costs (owners; access checked by the route), from Stripe's invoice
   * preview at this second, which the change must then pass back as its `proration_date`.
   */
  async previewPlanChange(businessId: string, plan: Plan, now: Date): Promise<PlanChangePreview> {
    const sub = await this.changeableSubscription(businessId, plan);
    const prorationDate = Math.floor(now.getTime() / 1000);
    const preview = await this.billing.previewPlanChange({ subscriptionId: sub.id, plan, prorationDate });
    const newPrice = PLAN_CATALOG[plan].monthlyPriceCents;
    return {
      currentPlan: sub.plan,
      plan,
      currency: preview.currency,
      newPrice,
      prorationAmount: preview.prorationAmount,
      amountDueNow: preview.amountDueNow,
      // A downgrade's credit stays on the customer's balance and lowers the first renewal.
      nextInvoiceAmount: Math.max(0, newPrice + Math.min(0, preview.prorationAmount)),
      nextInvoiceDate: sub.periodEnd?.toISOString() ?? null,
      prorationDate,
    };
  }

  /**
   * Switches plans at the preview's moment, so that Stripe charges what was shown. A preview older
   * than an hour, from before this period, or from the future is refused: look again.
   */
  async changePlan(businessId: string, input: { plan: Plan; prorationDate: number }, now: Date): Promise<PlanChangeResult> {
    const sub = await this.changeableSubscription(businessId, input.plan);
    const at = input.prorationDate * 1000;
    const periodStart = sub.periodStart?.getTime() ?? 0;
    if (at > now.getTime() + 60_000 || at < now.getTime() - PREVIEW_VALID_MS || at < periodStart) {
      throw new PlanChangePreviewExpired();
    }
    const preview = await this.billing.previewPlanChange({ subscriptionId: sub.id, plan: input.plan, prorationDate: input.prorationDate });
    const snapshot = await this.billing.changePlan({ subscriptionId: sub.id, plan: input.plan, prorationDate: input.prorationDate });
    return { plan: input.plan, amountDueNow: preview.amountDueNow, currentPeriodEnd: snapshot.currentPeriodEnd?.toISOString() ?? null };
  }

  private async changeableSubscription(businessId: string, plan: Plan): Promise<{ id: string; plan: Plan; periodStart: Date | null; periodEnd: Date | null }> {
    const row = await this.businesses.subscriptionOf(businessId);
    if (!row?.stripe_subscription_id || row.status === 'canceled') throw new NoSubscription();
    if (row.plan === plan) throw new SamePlan(`The business is already on ${PLAN_CATALOG[plan].name}`);
    return { id: row.stripe_subscription_id, plan: row.plan, periodStart: row.current_period_start, periodEnd: row.current_period_end };
  }
}

/** How long a plan change's figures stay good (Stripe accepts any proration_date in the period; we want the shown figures to be recent). */
const PREVIEW_VALID_MS = 60 * 60 * 1000;
