import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CheckoutSessionCreated, CheckoutSessionStatus, Plan, PortalSessionCreated } from '@beaker/contracts';
import { Forbidden, NotFound } from '../../../common/errors/common.errors';
import { AppConfig } from '../../../config/app-config';
import { BillingPort } from '../../../integrations/stripe/stripe.port';
import type { User } from '../../auth/entities/user.entity';
import { MembershipService } from '../../auth/membership.service';
import { NoSubscription, TrialAlreadyConverted, TrialNotFound } from '../businesses.errors';

/** Checkout and the customer portal: the two ways a customer reaches Stripe. */
@Injectable()
export class BillingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly billing: BillingPort,
    private readonly membership: MembershipService,
  ) {}

  /**
   * A Stripe Checkout Session in subscription mode for the plan; the user's id rides as
   * client_reference_id and the trial's in metadata, so the webhook knows whose business to create.
   */
  async createCheckoutSession(user: User, input: { plan: Plan; trialId?: string }): Promise<CheckoutSessionCreated> {
    if (input.trialId) {
      const [trial]: { id: string; user_id: string; status: string; converted: boolean }[] = await this.db.query(
        `SELECT t.id, t.user_id, t.status, EXISTS (SELECT 1 FROM businesses b WHERE b.trial_id = t.id) AS converted FROM trials t WHERE t.id = $1`,
        [input.trialId],
      );
      if (!trial || trial.user_id !== user.id) throw new TrialNotFound();
      if (trial.status === 'converted' || trial.converted) throw new TrialAlreadyConverted('This trial already has a live business: open it from your dashboard');
    }
    // Same person, plan and trial → the same session (a double click opens one checkout). The count
    // of businesses they own makes a second business, later, a new session.
    const [{ owned }]: { owned: number }[] = await this.db.query(`SELECT count(*)::int AS owned FROM business_members WHERE user_id = $1 AND role = 'owner'`, [user.id]);
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
    return { id: session.id, url: session.url };
  }

  /** Whether the checkout's business exists yet, for the person who paid (anyone else sees "pending"). */
  async checkoutStatus(user: User, sessionId: string): Promise<CheckoutSessionStatus> {
    const [row]: { id: string }[] = await this.db.query(
      `SELECT b.id FROM businesses b JOIN business_members m ON m.business_id = b.id AND m.user_id = $2 WHERE b.checkout_session_id = $1`,
      [sessionId, user.id],
    );
    return { id: sessionId, status: row ? 'complete' : 'pending', businessId: row?.id ?? null };
  }

  /** Stripe's customer portal (cards, invoices, cancel), for the business's owners. */
  async createPortalSession(user: User, businessId: string): Promise<PortalSessionCreated> {
    const role = await this.membership.roleIn(businessId, user.id);
    if (!role) throw new NotFound('No such business');
    if (role !== 'owner') throw new Forbidden('Only owners manage billing');
    const [business]: { stripe_customer_id: string | null }[] = await this.db.query(`SELECT stripe_customer_id FROM businesses WHERE id = $1`, [businessId]);
    if (!business?.stripe_customer_id) throw new NoSubscription();
    return this.billing.createPortalSession({ customerId: business.stripe_customer_id, returnUrl: `${this.config.appUrl}/app/businesses/${businessId}/billing` });
  }
}
