import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PLAN_CATALOG, type BusinessStatus, type Plan } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { JobName } from '../../../common/queue/jobs';
import { JobsService } from '../../../common/queue/jobs.service';
import { AppConfig } from '../../../config/app-config';
import { queryRows } from '../../../database/query-rows';
import { planForPrice } from '../../../integrations/stripe/stripe.plans';
import { BillingPort, SubscriptionSnapshot } from '../../../integrations/stripe/stripe.port';
import { WebhookDispatcher } from '../../webhooks/webhook-dispatcher';
import { PermanentWebhookError, WebhookHandler, WebhookHandlerContext, WebhookHandlerResult } from '../../webhooks/webhook-handlers';
import { businessPersonaFromTrial } from '../assistant/business-persona';
import { BusinessProvisioning } from '../provisioning/business-provisioning';
import { businessStatusFor, checkoutFacts, envelopeOf, invoiceFacts, StripeEventEnvelope, subscriptionFacts } from './stripe-events';

/**
 * Retryable: the event is about a subscription whose business does not exist yet (Stripe does not
 * keep order). The pipeline retries it with backoff; and the checkout that creates the business
 * applies it from its stored payload, whatever became of its retries (see applyEarlierEvents).
 */
export class BusinessNotCreatedYet extends Error {}

/** Event types about a subscription that can arrive before its checkout.session.completed. */
export const WAITING_EVENT_TYPES = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface BillingRow {
  id: string;
  status: BusinessStatus;
  plan: Plan;
  subscription_synced_at: Date | null;
  current_period_start: Date | null;
  provisioning_status: string;
}

interface TrialRow {
  id: string;
  user_id: string;
  business_name: string;
  industry: string;
  scenario: string;
  assistant_config: { persona?: unknown } | null;
  status: string;
}

/**
 * Stripe's billing events, in the module that owns businesses. Each runs inside its event's
 * processing transaction (ctx.manager) and is idempotent and order-independent:
 * - the business is found by its checkout session or subscription id, never created twice;
 * - a subscription's events and its checkout take turns (an advisory lock on the subscription id):
 *   an event that comes first fails and is retried, and the checkout applies it anyway from the
 *   stored payload, after Stripe's current view of the subscription (BillingPort.getSubscription);
 * - what an event says about the subscription applies only if it is not older than what the
 *   business already holds (`subscription_synced_at`, Stripe's event time), and a canceled
 *   subscription stays canceled (Stripe never revives one);
 * - a period's usage resets once, when a paid invoice starts a later period than the one held.
 */
@Injectable()
export class StripeBillingHandlers {
  private readonly logger = new Logger('StripeBilling');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly billing: BillingPort,
    private readonly provisioning: BusinessProvisioning,
    private readonly dispatcher: WebhookDispatcher,
    private readonly jobs: JobsService,
  ) {}

  /** Payment done: the business, its owner, the trial converted; then provisioning. */
  @WebhookHandler('stripe', 'checkout.session.completed')
  async checkoutCompleted(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    const event = this.envelope(ctx);
    const facts = checkoutFacts(event.object);
    if (facts.mode && facts.mode !== 'subscription') return 'ignored';
    // Delayed payment methods complete later (async_payment_succeeded); we sell by card only.
    if (!facts.paid) return 'ignored';
    if (!facts.sessionId || !facts.subscriptionId || !facts.customerId) throw new PermanentWebhookError('checkout session without a customer or subscription');
    const m = ctx.manager;
    const userId = await this.ownerOf(m, facts.userId, facts.email);
    if (!userId) throw new PermanentWebhookError('no user for this checkout session (client_reference_id and email unknown)');
    await this.lockSubscription(m, facts.subscriptionId);

    const [existing] = await queryRows<{ id: string; status: BusinessStatus; trial_id: string | null }>(
      m,
      `SELECT id, status, trial_id FROM businesses WHERE checkout_session_id = $1 OR stripe_subscription_id = $2 ORDER BY created_at LIMIT 1 FOR UPDATE`,
      [facts.sessionId, facts.subscriptionId],
    );
    let businessId: string;
    let status: BusinessStatus;
    let trialId: string | null;
    if (existing) {
      ({ id: businessId, status, trial_id: trialId } = existing);
    } else {
      ({ businessId, status, trialId } = await this.createBusiness(m, event, facts, userId));
      const applied = await this.applyEarlierEvents(m, facts.subscriptionId, facts.customerId, ctx.afterCommit);
      if (applied > 0) {
        [{ status }] = await queryRows<{ status: BusinessStatus }>(m, `SELECT status FROM businesses WHERE id = $1`, [businessId]);
        this.logger.log({ businessId, applied }, 'billing events that came before the checkout applied');
      }
    }
    await m.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $2, 'owner') ON CONFLICT (business_id, user_id) DO NOTHING`, [businessId, userId]);
    if (trialId) await m.query(`UPDATE trials SET status = 'converted', updated_at = $2 WHERE id = $1 AND status <> 'converted'`, [trialId, this.clock.now()]);

    const { customerId, subscriptionId } = facts;
    ctx.afterCommit(async () => {
      if (status !== 'canceled') await this.provisioning.start(businessId);
      // Their effects are in; replaying marks the events that ran out of retries as completed.
      await this.replayWaitingEvents(customerId!, subscriptionId!);
    });
  }

  @WebhookHandler('stripe', 'customer.subscription.created')
  subscriptionCreated(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    return this.handle(ctx);
  }

  @WebhookHandler('stripe', 'customer.subscription.updated')
  subscriptionUpdated(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    return this.handle(ctx);
  }

  @WebhookHandler('stripe', 'customer.subscription.deleted')
  subscriptionDeleted(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    return this.handle(ctx);
  }

  /** A paid invoice for a later period starts that period: usage back to zero, the period's end stored. */
  @WebhookHandler('stripe', 'invoice.paid')
  invoicePaid(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    return this.handle(ctx);
  }

  /** A failed renewal: past_due (unless Stripe already told us something newer), and the owners are told. */
  @WebhookHandler('stripe', 'invoice.payment_failed')
  invoicePaymentFailed(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    return this.handle(ctx);
  }

  /** Every event about an existing subscription: serialized per subscription with its checkout. */
  private async handle(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    const event = this.envelope(ctx);
    const subscriptionId = subscriptionIdOf(event);
    if (!subscriptionId) return 'ignored';
    await this.lockSubscription(ctx.manager, subscriptionId);
    return this.apply(ctx.manager, event, subscriptionId, ctx.afterCommit);
  }

  private async apply(m: EntityManager, event: StripeEventEnvelope, subscriptionId: string, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const [business] = await queryRows<BillingRow>(
      m,
      `SELECT id, status, plan, subscription_synced_at, current_period_start, provisioning_status FROM businesses WHERE stripe_subscription_id = $1 FOR UPDATE`,
      [subscriptionId],
    );
    if (!business) throw new BusinessNotCreatedYet(`no business for subscription ${subscriptionId} yet`);
    const at = event.createdAt ?? this.clock.now();
    switch (event.type) {
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
        return this.subscriptionChanged(m, business, event, at, afterCommit);
      case 'customer.subscription.deleted':
        await m.query(
          `UPDATE businesses SET status = 'canceled', past_due_since = NULL, subscription_synced_at = GREATEST(subscription_synced_at, $2), updated_at = $3 WHERE id = $1`,
          [business.id, at, this.clock.now()],
        );
        return;
      case 'invoice.paid':
        return this.invoicePaidFor(m, business, event);
      case 'invoice.payment_failed':
        return this.paymentFailedFor(m, business, event, at, afterCommit);
      default:
        return 'ignored';
    }
  }

  private async subscriptionChanged(m: EntityManager, business: BillingRow, event: StripeEventEnvelope, at: Date, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const facts = subscriptionFacts(event.object);
    if (business.status === 'canceled') return 'ignored';
    if (business.subscription_synced_at && at.getTime() < business.subscription_synced_at.getTime()) return 'ignored';
    if (!facts.status) return 'ignored';
    const plan = planForPrice(this.config, facts.priceId) ?? facts.planHint ?? business.plan;
    await this.applySubscription(m, business.id, { status: facts.status, plan, periodEnd: facts.currentPeriodEnd, at });
    if (facts.status !== 'canceled' && business.provisioning_status !== 'done') afterCommit(() => this.provisioning.start(business.id));
  }

  private async invoicePaidFor(m: EntityManager, business: BillingRow, event: StripeEventEnvelope): Promise<WebhookHandlerResult> {
    const facts = invoiceFacts(event.object);
    if (!facts.periodStart || !facts.periodEnd) return 'ignored';
    // The business starts at zero: the first invoice (subscription_create) has nothing to reset.
    const newPeriod = business.current_period_start
      ? facts.periodStart.getTime() > business.current_period_start.getTime()
      : facts.billingReason !== 'subscription_create';
    await m.query(
      `UPDATE businesses SET
         calls_used_this_period = CASE WHEN $2::boolean THEN 0 ELSE calls_used_this_period END,
         current_period_start = GREATEST(current_period_start, $3),
         current_period_end = GREATEST(current_period_end, $4),
         last_paid_invoice_id = CASE WHEN current_period_start IS NULL OR current_period_start <= $3 THEN $5 ELSE last_paid_invoice_id END,
         updated_at = $6
       WHERE id = $1`,
      [business.id, newPeriod, facts.periodStart, facts.periodEnd, facts.invoiceId, this.clock.now()],
    );
  }

  private async paymentFailedFor(m: EntityManager, business: BillingRow, event: StripeEventEnvelope, at: Date, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const facts = invoiceFacts(event.object);
    if (business.status === 'canceled') return 'ignored';
    if (business.subscription_synced_at && at.getTime() < business.subscription_synced_at.getTime()) return 'ignored';
    await m.query(
      `UPDATE businesses SET status = 'past_due', past_due_since = COALESCE(past_due_since, $2),
         subscription_synced_at = GREATEST(subscription_synced_at, $2), updated_at = $3
       WHERE id = $1`,
      [business.id, at, this.clock.now()],
    );
    const payload = { businessId: business.id, invoiceId: facts.invoiceId, attempt: facts.attemptCount };
    // One email per failed attempt of an invoice, whoever delivers, applies or replays the event.
    afterCommit(() => this.jobs.enqueue(JobName.NotifyPaymentFailed, payload, { jobId: `payment-failed-${facts.invoiceId}-${facts.attemptCount}` }));
  }

  private async applySubscription(m: EntityManager, businessId: string, state: { status: BusinessStatus; plan: Plan; periodEnd: Date | null; at: Date }): Promise<void> {
    const included = PLAN_CATALOG[state.plan].callsIncluded;
    await m.query(
      `UPDATE businesses SET status = $2, plan = $3, calls_included = $4,
         -- a downgrade mid-period: the calls already made use up the smaller allowance, no more
         calls_used_this_period = LEAST(calls_used_this_period, $4),
         past_due_since = CASE WHEN $2 = 'past_due' THEN COALESCE(past_due_since, $5) ELSE NULL END,
         current_period_end = GREATEST(current_period_end, $6),
         subscription_synced_at = $5, updated_at = $7
       WHERE id = $1`,
      [businessId, state.status, state.plan, included, state.at, state.periodEnd, this.clock.now()],
    );
  }

  private async createBusiness(
    m: EntityManager,
    event: StripeEventEnvelope,
    facts: ReturnType<typeof checkoutFacts>,
    userId: string,
  ): Promise<{ businessId: string; status: BusinessStatus; trialId: string | null }> {
    let trial: TrialRow | undefined;
    if (facts.trialId && UUID.test(facts.trialId)) {
      [trial] = await queryRows<TrialRow>(
        m,
        `SELECT t.id, t.user_id, t.business_name, t.industry, t.scenario, t.assistant_config, t.status FROM trials t
          WHERE t.id = $1 AND t.user_id = $2 AND NOT EXISTS (SELECT 1 FROM businesses b WHERE b.trial_id = t.id)
          FOR UPDATE`,
        [facts.trialId, userId],
      );
    }
    // Stripe's subscription as it is now beats the order events arrive in; without it, the session says "paid".
    const snapshot = await this.snapshot(facts.subscriptionId!);
    const plan = snapshot?.plan ?? facts.plan ?? 'starter';
    const status = (snapshot && businessStatusFor(snapshot.status)) ?? 'active';
    const syncedAt = snapshot ? this.clock.now() : (event.createdAt ?? this.clock.now());
    const persona = businessPersonaFromTrial({
      industry: trial?.industry,
      scenario: trial?.scenario,
      businessName: trial?.business_name ?? 'My business',
      persona: trial?.assistant_config?.persona,
    });
    const now = this.clock.now();
    const [row] = await queryRows<{ id: string }>(
      m,
      `INSERT INTO businesses (name, industry, scenario, persona, stripe_customer_id, stripe_subscription_id, status, plan, calls_included,
         current_period_end, trial_id, checkout_session_id, past_due_since, subscription_synced_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       RETURNING id`,
      [
        persona.businessName,
        trial ? persona.industry : null,
        trial ? persona.scenario : null,
        JSON.stringify({ ...persona, fromTrialId: trial?.id ?? null }),
        facts.customerId,
        facts.subscriptionId,
        status,
        plan,
        PLAN_CATALOG[plan].callsIncluded,
        snapshot?.currentPeriodEnd ?? null,
        trial?.id ?? null,
        facts.sessionId,
        status === 'past_due' ? syncedAt : null,
        syncedAt,
        now,
      ],
    );
    this.logger.log({ businessId: row.id, plan, status, fromTrial: trial?.id ?? null }, 'business created from checkout');
    return { businessId: row.id, status, trialId: trial?.id ?? null };
  }

  /** Who paid: our user id in client_reference_id, else the checkout's email. */
  private async ownerOf(m: EntityManager, userId: string | undefined, email: string | undefined): Promise<string | null> {
    if (userId && UUID.test(userId)) {
      const [user] = await queryRows<{ id: string }>(m, `SELECT id FROM users WHERE id = $1`, [userId]);
      if (user) return user.id;
    }
    if (email) {
      const [user] = await queryRows<{ id: string }>(m, `SELECT id FROM users WHERE email = $1`, [email.trim().toLowerCase()]);
      if (user) return user.id;
    }
    return null;
  }

  /**
   * One subscription's events, and its checkout, one at a time: whichever comes second sees what
   * the first did (an event that found no business is read by the checkout that creates it).
   */
  private async lockSubscription(m: EntityManager, subscriptionId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`billing:subscription:${subscriptionId}`]);
  }

  /**
   * Events about this subscription stored before its business existed (failed, or waiting for a
   * retry), applied in Stripe's order inside the checkout's transaction. Each applies only if newer
   * than what the business holds, so applying one again later (its own retry) changes nothing.
   */
  private async applyEarlierEvents(m: EntityManager, subscriptionId: string, customerId: string, afterCommit: (fn: () => unknown) => void): Promise<number> {
    const rows = await queryRows<{ payload: unknown }>(
      m,
      `SELECT payload FROM webhook_events
        WHERE provider = 'stripe' AND event_type = ANY($3) AND received_at > $4
          AND (payload->'data'->'object'->>'customer' = $2 OR payload->'data'->'object'->>'subscription' = $1 OR payload->'data'->'object'->>'id' = $1)
        ORDER BY (payload->>'created')::bigint NULLS LAST, received_at`,
      // Stripe retries for 3 days: nothing older can still be waiting.
      [subscriptionId, customerId, WAITING_EVENT_TYPES, new Date(this.clock.now().getTime() - 4 * 86_400_000)],
    );
    let applied = 0;
    for (const row of rows) {
      const event = envelopeOf(row.payload);
      if (!event || subscriptionIdOf(event) !== subscriptionId) continue;
      if ((await this.apply(m, event, subscriptionId, afterCommit)) !== 'ignored') applied++;
    }
    return applied;
  }

  private async snapshot(subscriptionId: string): Promise<SubscriptionSnapshot | null> {
    try {
      return await this.billing.getSubscription(subscriptionId);
    } catch (err) {
      // Stripe unreachable: the business is still created (the customer paid); later events correct it.
      this.logger.warn({ subscriptionId, err: (err as Error).message }, 'subscription not read from Stripe; using the checkout session');
      return null;
    }
  }

  /**
   * Events about this customer that ran out of retries before the business existed: replayed now,
   * oldest first (each applies only if it is newer than what the business holds).
   */
  private async replayWaitingEvents(customerId: string, subscriptionId: string): Promise<void> {
    const rows = await queryRows<{ id: string }>(
      this.db.manager,
      `SELECT id FROM webhook_events
        WHERE provider = 'stripe' AND status = 'failed' AND event_type = ANY($3)
          AND (payload->'data'->'object'->>'customer' = $1 OR payload->'data'->'object'->>'subscription' = $2 OR payload->'data'->'object'->>'id' = $2)
        ORDER BY (payload->>'created')::bigint NULLS LAST, received_at`,
      [customerId, subscriptionId, WAITING_EVENT_TYPES],
    );
    for (const row of rows) {
      const outcome = await this.dispatcher.process(row.id, { trigger: 'replay' });
      this.logger.log({ webhookEventId: row.id, outcome }, 'waiting billing event replayed');
    }
  }

  private envelope(ctx: WebhookHandlerContext): StripeEventEnvelope {
    const event = envelopeOf(ctx.event.payload);
    if (!event) throw new PermanentWebhookError('not a Stripe event');
    return event;
  }
}

/** The subscription an event is about: the subscription itself, or an invoice's. */
export function subscriptionIdOf(event: StripeEventEnvelope): string | undefined {
  const kind = event.object.object;
  if (event.type.startsWith('customer.subscription.') && (kind === undefined || kind === 'subscription')) return subscriptionFacts(event.object).subscriptionId || undefined;
  if (event.type.startsWith('invoice.') && (kind === undefined || kind === 'invoice')) return invoiceFacts(event.object).subscriptionId;
  return undefined;
}
