import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { CheckoutSessionCreated, CheckoutSessionStatus, Plan, PortalSessionCreated } from '@beaker/contracts';
import { Forbidden, NotFound } from '../../../common/errors/common.errors';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { BillingPort } from '../../../integrations/stripe/stripe.port';
import { MembershipService, type User } from '../../auth';
import { TrialsService } from '../../trials';
import { NoSubscription, TrialAlreadyConverted, TrialNotFound } from '../businesses.errors';
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
  async createCheckoutSession(user: User, input: { plan: Plan; trialId?: string }): Promise<CheckoutSessionCreated> {
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
}
