import { Injectable, Logger } from '@nestjs/common';
import { PLAN_CATALOG, type BusinessStatus, type Plan } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { JobName } from '../../../common/queue/jobs';
import { JobsService } from '../../../common/queue/jobs.service';
import { AppConfig } from '../../../config/app-config';
import type { Tx } from '../../../database/database';
import { planForPrice } from '../../../integrations/stripe/stripe.plans';
import { BillingPort, SubscriptionSnapshot } from '../../../integrations/stripe/stripe.port';
import { MembershipService, UsersService } from '../../auth';
import { OutboundEventsService } from '../../outbound-webhooks';
import { type Trial, TrialsService } from '../../trials';
import { PermanentWebhookError, WebhookDispatcher, WebhookHandler, WebhookPreparation, type WebhookEventView, type WebhookHandlerContext, type WebhookHandlerResult } from '../../webhooks';
import { businessPersonaFromTrial } from '../assistant/business-persona';
import { BillingRow, BusinessesRepository } from '../persistence/businesses.repository';
import { BusinessProvisioning } from '../provisioning/business-provisioning.service';
import { businessStatusFor, checkoutFacts, envelopeOf, invoiceFacts, StripeEventEnvelope, subscriptionFacts } from './stripe-events';
import { WaitingBillingEventsReadModel } from './waiting-billing-events.read-model';

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

/**
 * Stripe's billing events, in the module that owns businesses. Each runs inside its event's
 * processing transaction (ctx.tx) and is idempotent and order-independent:
 * - the business is found by its checkout session or subscription id, never created twice;
 * - a subscription's events and its checkout take turns (an advisory lock on the subscription id):
 *   an event that comes first fails and is retried, and the checkout applies it anyway from the
 *   stored payload, after Stripe's current view of the subscription (BillingPort.getSubscription,
 *   read before the transaction opens: no provider call waits inside one);
 * - what an event says about the subscription applies only if it is not older than what the
 *   business already holds (`subscription_synced_at`, Stripe's event time), and a canceled
 *   subscription stays canceled (Stripe never revives one);
 * - a period's usage resets once, when a paid invoice starts a later period than the one held.
 */
@Injectable()
export class StripeBillingHandler {
  private readonly logger = new Logger('StripeBilling');

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly waitingEvents: WaitingBillingEventsReadModel,
    private readonly users: UsersService,
    private readonly membership: MembershipService,
    private readonly trials: TrialsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly billing: BillingPort,
    private readonly provisioning: BusinessProvisioning,
    private readonly dispatcher: WebhookDispatcher,
    private readonly jobs: JobsService,
    private readonly outbox: OutboundEventsService,
  ) {}

  /**
   * Stripe's subscription as it is now, for a business the checkout may create: read before the
   * processing transaction opens (no provider call inside a transaction), on every attempt.
   */
  @WebhookPreparation('stripe', 'checkout.session.completed')
  async prepareCheckout(event: WebhookEventView): Promise<CheckoutPreparation> {
    const envelope = envelopeOf(event.payload);
    if (!envelope) return { snapshot: null, readAt: null };
    const facts = checkoutFacts(envelope.object);
    if ((facts.mode && facts.mode !== 'subscription') || !facts.paid || !facts.subscriptionId) return { snapshot: null, readAt: null };
    const readAt = this.clock.now();
    return { snapshot: await this.snapshot(facts.subscriptionId), readAt };
  }

  /** Payment done: the business, its owner, the trial converted; then provisioning. */
  @WebhookHandler('stripe', 'checkout.session.completed')
  async checkoutCompleted(ctx: WebhookHandlerContext): Promise<WebhookHandlerResult> {
    const event = this.envelope(ctx);
    const facts = checkoutFacts(event.object);
    if (facts.mode && facts.mode !== 'subscription') return 'ignored';
    // Delayed payment methods complete later (async_payment_succeeded); we sell by card only.
    if (!facts.paid) return 'ignored';
    if (!facts.sessionId || !facts.subscriptionId || !facts.customerId) throw new PermanentWebhookError('checkout session without a customer or subscription');
    const tx = ctx.tx;
    const owner = await this.ownerOf(tx, facts.userId, facts.email);
    if (!owner) throw new PermanentWebhookError('no user for this checkout session (client_reference_id and email unknown)');
    const userId = owner.id;
    await this.businesses.lockSubscription(facts.subscriptionId, tx);

    const existing = await this.businesses.lockByCheckout(facts.sessionId, facts.subscriptionId, tx);
    let businessId: string;
    let status: BusinessStatus;
    let trialId: string | null;
    if (existing) {
      ({ id: businessId, status, trial_id: trialId } = existing);
    } else {
      const prepared = (ctx.prepared as CheckoutPreparation | undefined) ?? { snapshot: null, readAt: null };
      ({ businessId, status, trialId } = await this.createBusiness(tx, event, facts, userId, prepared));
      const applied = await this.applyEarlierEvents(tx, facts.subscriptionId, facts.customerId, ctx.afterCommit);
      if (applied > 0) {
        status = (await this.businesses.statusOf(businessId, tx))!;
        this.logger.log({ businessId, applied }, 'billing events that came before the checkout applied');
      }
    }
    // The subscription as it started, paid, at the checkout's time (its history, for staff's MRR).
    const startPlan = facts.plan ?? (await this.businesses.lockBySubscription(facts.subscriptionId, tx))?.plan ?? 'starter';
    await this.businesses.recordSubscriptionChange(
      businessId,
      { customerId: facts.customerId, subscriptionId: facts.subscriptionId, userId, eventId: event.id, status: 'active', plan: startPlan, mrrCents: mrrCentsOf('active', startPlan), at: event.createdAt ?? this.clock.now() },
      tx,
    );
    await this.membership.addMember(businessId, owner, 'owner', tx);
    if (trialId) await this.trials.markConverted(trialId, tx);

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

  /** A paid invoice: its amount stored (the margin's revenue); for a later period it starts that period: usage back to zero, the period's end stored. */
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
    await this.businesses.lockSubscription(subscriptionId, ctx.tx);
    return this.apply(ctx.tx, event, subscriptionId, ctx.afterCommit);
  }

  private async apply(tx: Tx, event: StripeEventEnvelope, subscriptionId: string, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const business = await this.businesses.lockBySubscription(subscriptionId, tx);
    if (!business) throw new BusinessNotCreatedYet(`no business for subscription ${subscriptionId} yet`);
    const at = event.createdAt ?? this.clock.now();
    await this.recordChange(tx, business, event, subscriptionId, at);
    switch (event.type) {
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
        return this.subscriptionChanged(tx, business, event, at, afterCommit);
      case 'customer.subscription.deleted':
        await this.businesses.cancel(business.id, at, this.clock.now(), tx);
        await this.subscriptionEvent(tx, business.id, { status: 'canceled', plan: business.plan, currentPeriodEnd: null, stripeEventType: event.type }, at);
        return;
      case 'invoice.paid':
        return this.invoicePaidFor(tx, business, event, afterCommit);
      case 'invoice.payment_failed':
        return this.paymentFailedFor(tx, business, event, at, afterCommit);
      default:
        return 'ignored';
    }
  }

  private async subscriptionChanged(tx: Tx, business: BillingRow, event: StripeEventEnvelope, at: Date, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const facts = subscriptionFacts(event.object);
    if (business.status === 'canceled') return 'ignored';
    if (business.subscription_synced_at && at.getTime() < business.subscription_synced_at.getTime()) return 'ignored';
    if (!facts.status) return 'ignored';
    const plan = planForPrice(this.config, facts.priceId) ?? facts.planHint ?? business.plan;
    await this.applySubscription(tx, business.id, { status: facts.status, plan, periodEnd: facts.currentPeriodEnd, cancelAtPeriodEnd: facts.cancelAtPeriodEnd, at });
    await this.subscriptionEvent(tx, business.id, { status: facts.status, plan, currentPeriodEnd: facts.currentPeriodEnd?.toISOString() ?? null, stripeEventType: event.type }, at);
    if (facts.status !== 'canceled' && business.provisioning_status !== 'done') afterCommit(() => this.provisioning.start(business.id));
  }

  private async invoicePaidFor(tx: Tx, business: BillingRow, event: StripeEventEnvelope, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const facts = invoiceFacts(event.object);
    // The revenue, whatever the invoice pays for (a plan's period, a proration).
    const paid = Boolean(facts.invoiceId && facts.amountPaid !== null && facts.currency);
    if (paid) {
      const firstTime = await this.businesses.recordPaidInvoice(
        business.id,
        {
          invoiceId: facts.invoiceId,
          amountPaidCents: facts.amountPaid!,
          currency: facts.currency!,
          paidAt: facts.paidAt ?? event.createdAt ?? this.clock.now(),
          periodStart: facts.periodStart,
          periodEnd: facts.periodEnd,
        },
        tx,
      );
      // One receipt per paid invoice (nothing to receipt for a zero invoice), whoever delivers or replays it.
      if (firstTime && facts.amountPaid! > 0) {
        const payload = { businessId: business.id, invoiceId: facts.invoiceId, amountPaidCents: facts.amountPaid!, currency: facts.currency! };
        afterCommit(() => this.jobs.enqueue(JobName.NotifyInvoicePaid, payload, { jobId: `receipt-${facts.invoiceId}` }));
      }
    }
    if (!facts.periodStart || !facts.periodEnd) return paid ? undefined : 'ignored';
    // The business starts at zero: the first invoice (subscription_create) has nothing to reset.
    const newPeriod = business.current_period_start
      ? facts.periodStart.getTime() > business.current_period_start.getTime()
      : facts.billingReason !== 'subscription_create';
    await this.businesses.applyPaidInvoice(
      business.id,
      { newPeriod, periodStart: facts.periodStart, periodEnd: facts.periodEnd, invoiceId: facts.invoiceId },
      this.clock.now(),
      tx,
    );
  }

  private async paymentFailedFor(tx: Tx, business: BillingRow, event: StripeEventEnvelope, at: Date, afterCommit: (fn: () => unknown) => void): Promise<WebhookHandlerResult> {
    const facts = invoiceFacts(event.object);
    if (business.status === 'canceled') return 'ignored';
    if (business.subscription_synced_at && at.getTime() < business.subscription_synced_at.getTime()) return 'ignored';
    await this.businesses.markPastDue(business.id, at, this.clock.now(), tx);
    if (business.status !== 'past_due') await this.subscriptionEvent(tx, business.id, { status: 'past_due', plan: business.plan, currentPeriodEnd: null, stripeEventType: event.type }, at);
    const payload = { businessId: business.id, invoiceId: facts.invoiceId, attempt: facts.attemptCount };
    // One email per failed attempt of an invoice, whoever delivers, applies or replays the event.
    afterCommit(() => this.jobs.enqueue(JobName.NotifyPaymentFailed, payload, { jobId: `payment-failed-${facts.invoiceId}-${facts.attemptCount}` }));
  }

  /**
   * The subscription's state as this event tells it, kept in its history (staff's MRR) whatever
   * the order events arrive in: the history is read in event time, so an older event still counts.
   */
  private async recordChange(tx: Tx, business: BillingRow, event: StripeEventEnvelope, subscriptionId: string, at: Date): Promise<void> {
    let state: { status: BusinessStatus; plan: Plan } | null = null;
    if (event.type === 'customer.subscription.deleted') state = { status: 'canceled', plan: business.plan };
    else if (event.type === 'customer.subscription.created' || event.type === 'customer.subscription.updated') {
      const facts = subscriptionFacts(event.object);
      if (facts.status) state = { status: facts.status, plan: planForPrice(this.config, facts.priceId) ?? facts.planHint ?? business.plan };
    }
    if (!state) return;
    await this.businesses.recordSubscriptionChange(
      business.id,
      { customerId: business.stripe_customer_id, subscriptionId, eventId: event.id, ...state, mrrCents: mrrCentsOf(state.status, state.plan), at },
      tx,
    );
  }

  /** `subscription.updated`, in the transaction that changed the business's subscription. */
  private async subscriptionEvent(tx: Tx, businessId: string, subscription: { status: BusinessStatus; plan: Plan; currentPeriodEnd: string | null; stripeEventType: string }, at: Date): Promise<void> {
    await this.outbox.record(tx, { businessId, type: 'subscription.updated', data: { businessId, subscription }, at });
  }

  private applySubscription(tx: Tx, businessId: string, state: { status: BusinessStatus; plan: Plan; periodEnd: Date | null; cancelAtPeriodEnd: boolean; at: Date }): Promise<void> {
    return this.businesses.applySubscription(businessId, { ...state, callsIncluded: PLAN_CATALOG[state.plan].callsIncluded }, this.clock.now(), tx);
  }

  private async createBusiness(
    tx: Tx,
    event: StripeEventEnvelope,
    facts: ReturnType<typeof checkoutFacts>,
    userId: string,
    { snapshot, readAt }: CheckoutPreparation,
  ): Promise<{ businessId: string; status: BusinessStatus; trialId: string | null }> {
    let trial: Trial | undefined;
    if (facts.trialId && UUID.test(facts.trialId)) {
      // The person's trial, unless another business went live from it already.
      const found = await this.trials.lockOwned(facts.trialId, userId, tx);
      if (found && !(await this.businesses.existsForTrial(found.id, tx))) trial = found;
    }
    // Stripe's subscription as it was just before this transaction (prepareCheckout) beats the order
    // events arrive in; without it, the session says "paid". Synced as of when it was read.
    const plan = snapshot?.plan ?? facts.plan ?? 'starter';
    const status = (snapshot && businessStatusFor(snapshot.status)) ?? 'active';
    const syncedAt = snapshot && readAt ? readAt : (event.createdAt ?? this.clock.now());
    const persona = businessPersonaFromTrial({
      industry: trial?.industry,
      scenario: trial?.scenario,
      businessName: trial?.businessName ?? 'My business',
      persona: (trial?.assistantConfig as { persona?: unknown } | undefined)?.persona,
    });
    const businessId = await this.businesses.create(
      {
        name: persona.businessName,
        industry: trial ? persona.industry : null,
        scenario: trial ? persona.scenario : null,
        personaJson: JSON.stringify({ ...persona, fromTrialId: trial?.id ?? null }),
        customerId: facts.customerId!,
        subscriptionId: facts.subscriptionId!,
        status,
        plan,
        callsIncluded: PLAN_CATALOG[plan].callsIncluded,
        currentPeriodEnd: snapshot?.currentPeriodEnd ?? null,
        trialId: trial?.id ?? null,
        checkoutSessionId: facts.sessionId!,
        pastDueSince: status === 'past_due' ? syncedAt : null,
        syncedAt,
        now: this.clock.now(),
      },
      tx,
    );
    this.logger.log({ businessId, plan, status, fromTrial: trial?.id ?? null }, 'business created from checkout');
    return { businessId, status, trialId: trial?.id ?? null };
  }

  /** Who paid: our user id in client_reference_id, else the checkout's email. */
  private async ownerOf(tx: Tx, userId: string | undefined, email: string | undefined): Promise<{ id: string; email: string } | null> {
    if (userId && UUID.test(userId)) {
      const found = await this.users.find(userId, tx);
      if (found) return found;
    }
    if (email) {
      const found = await this.users.findByEmail(email, tx);
      if (found) return found;
    }
    return null;
  }

  /**
   * Events about this subscription stored before its business existed (failed, or waiting for a
   * retry), applied in Stripe's order inside the checkout's transaction. Each applies only if newer
   * than what the business holds, so applying one again later (its own retry) changes nothing.
   */
  private async applyEarlierEvents(tx: Tx, subscriptionId: string, customerId: string, afterCommit: (fn: () => unknown) => void): Promise<number> {
    // Stripe retries for 3 days: nothing older can still be waiting.
    const since = new Date(this.clock.now().getTime() - 4 * 86_400_000);
    const rows = await this.waitingEvents.payloadsAbout(subscriptionId, customerId, WAITING_EVENT_TYPES, since, tx);
    let applied = 0;
    for (const row of rows) {
      const event = envelopeOf(row.payload);
      if (!event || subscriptionIdOf(event) !== subscriptionId) continue;
      if ((await this.apply(tx, event, subscriptionId, afterCommit)) !== 'ignored') applied++;
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
    for (const id of await this.waitingEvents.failedAbout(customerId, subscriptionId, WAITING_EVENT_TYPES)) {
      const outcome = await this.dispatcher.process(id, { trigger: 'replay' });
      this.logger.log({ webhookEventId: id, outcome }, 'waiting billing event replayed');
    }
  }

  private envelope(ctx: WebhookHandlerContext): StripeEventEnvelope {
    const event = envelopeOf(ctx.event.payload);
    if (!event) throw new PermanentWebhookError('not a Stripe event');
    return event;
  }
}

/** What prepareCheckout read from Stripe, and when (null: not read, or Stripe unreachable). */
interface CheckoutPreparation {
  snapshot: SubscriptionSnapshot | null;
  readAt: Date | null;
}

/** The subscription an event is about: the subscription itself, or an invoice's. */
export function subscriptionIdOf(event: StripeEventEnvelope): string | undefined {
  const kind = event.object.object;
  if (event.type.startsWith('customer.subscription.') && (kind === undefined || kind === 'subscription')) return subscriptionFacts(event.object).subscriptionId || undefined;
  if (event.type.startsWith('invoice.') && (kind === undefined || kind === 'invoice')) return invoiceFacts(event.object).subscriptionId;
  return undefined;
}

/** Monthly recurring revenue of a subscription in this state: its plan's price while it is paid for (past due included, as ChartMogul counts it until it is canceled). */
export function mrrCentsOf(status: BusinessStatus, plan: Plan): number {
  return status === 'canceled' ? 0 : PLAN_CATALOG[plan].monthlyPriceCents;
}
