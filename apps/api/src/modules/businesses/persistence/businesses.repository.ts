import { Injectable } from '@nestjs/common';
import type { BusinessStatus, Plan, ProvisioningStatus, ProvisioningStep, RecordingRetentionDays } from '@beaker/contracts';
import { escapeLike, MATCH, type MatchRank, type SearchTerms } from '../../../common/staff-search/search-terms';
import { Database, type Tx } from '../../../database/database';
import { Business } from '../entities/business.entity';

/** A business and its live number, as the dashboard's overview reads them. */
export interface OverviewRow {
  id: string;
  name: string;
  industry: Business['industry'];
  scenario: Business['scenario'];
  persona: unknown;
  status: BusinessStatus;
  plan: Plan;
  calls_included: number;
  calls_used_this_period: number;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  past_due_since: Date | null;
  vapi_assistant_id: string | null;
  provisioning_status: ProvisioningStatus;
  provisioning_step: ProvisioningStep | null;
  provisioning_error: string | null;
  number_id: string | null;
  e164: string | null;
  number_status: 'provisioning' | 'active' | 'released' | null;
  vapi_phone_number_id: string | null;
}

/** What provisioning needs: the business, its assistant, the trial it came from, its number so far. */
export interface ProvisioningRow {
  id: string;
  name: string;
  industry: string | null;
  scenario: string | null;
  persona: unknown;
  status: string;
  provisioning_status: string;
  vapi_assistant_id: string | null;
  trial_id: string | null;
  number_id: string | null;
  e164: string | null;
  twilio_sid: string | null;
  vapi_phone_number_id: string | null;
  number_status: string | null;
}

/** A business's revenue over a period (its paid invoices in US cents, as text: a bigint). */
export interface RevenueRow {
  id: string;
  name: string;
  plan: Plan;
  status: BusinessStatus;
  invoices: number;
  cents: string;
}

/** What billing events read of a business, under its row lock. */
export interface BillingRow {
  id: string;
  status: BusinessStatus;
  plan: Plan;
  subscription_synced_at: Date | null;
  current_period_start: Date | null;
  provisioning_status: string;
  stripe_customer_id: string;
}

/** One state Stripe reported for a subscription, at its event's time. */
export interface SubscriptionChangeRow {
  /** Who paid for the subscription (its checkout's user), else its Stripe customer. */
  customer: string;
  stripe_subscription_id: string;
  status: BusinessStatus;
  plan: Plan;
  mrr_cents: number;
  occurred_at: Date;
}

export interface NewBusiness {
  name: string;
  industry: string | null;
  scenario: string | null;
  personaJson: string;
  customerId: string;
  subscriptionId: string;
  status: BusinessStatus;
  plan: Plan;
  callsIncluded: number;
  currentPeriodEnd: Date | null;
  trialId: string | null;
  checkoutSessionId: string;
  pastDueSince: Date | null;
  syncedAt: Date;
  now: Date;
}

/** The business a dialled number belongs to, for inbound routing. */
export interface DialledBusiness {
  id: string;
  name: string;
  industry: string | null;
  scenario: string | null;
  persona: unknown;
  vapi_assistant_id: string | null;
  dialled: string;
}

/** The live number of a business: the first one not released. */
const LIVE_NUMBER = `LEFT JOIN LATERAL (
    SELECT id, e164, twilio_sid, vapi_phone_number_id, status FROM phone_numbers
     WHERE business_id = b.id AND status <> 'released' ORDER BY created_at LIMIT 1
  ) p ON true`;

/**
 * The calls a business may take per period at `now` (a placeholder): staff's override while it
 * runs, else its plan's.
 */
function callsIncludedAt(now: string): string {
  return `CASE WHEN b.calls_included_override_until > ${now} THEN b.calls_included_override ELSE b.calls_included END`;
}

/** A business's plan allowance and staff's override of it, as stored (expired ones too). */
export interface PlanOverrideRow {
  id: string;
  plan: Plan;
  calls_included: number;
  calls_used_this_period: number;
  current_period_end: Date | null;
  calls_included_override: number | null;
  calls_included_override_until: Date | null;
  calls_included_override_reason: string | null;
  calls_included_override_by: string | null;
  calls_included_override_at: Date | null;
}

const PLAN_OVERRIDE_COLUMNS = `id, plan, calls_included, calls_used_this_period, current_period_end, calls_included_override,
  calls_included_override_until, calls_included_override_reason, calls_included_override_by, calls_included_override_at`;

/** `businesses` and their `phone_numbers`. */
/** A business's persona and the assistant made from it. */
export interface PersonaRow {
  name: string;
  industry: string | null;
  scenario: string | null;
  persona: Record<string, unknown>;
  vapi_assistant_id: string | null;
}

@Injectable()
export class BusinessesRepository {
  constructor(private readonly db: Database) {}

  find(id: string): Promise<Business | null> {
    return this.db.repository(Business).findOneBy({ id });
  }

  /** `calls_included` is what the business may take at `now` (staff's override while it runs). */
  overview(id: string, now: Date): Promise<OverviewRow | null> {
    return this.db.one<OverviewRow>(
      `SELECT b.id, b.name, b.industry, b.scenario, b.persona, b.status, b.plan, ${callsIncludedAt('$2')} AS calls_included, b.calls_used_this_period,
              b.current_period_end, b.cancel_at_period_end, b.past_due_since, b.vapi_assistant_id, b.provisioning_status, b.provisioning_step, b.provisioning_error,
              p.id AS number_id, p.e164, p.status AS number_status, p.vapi_phone_number_id
         FROM businesses b ${LIVE_NUMBER}
        WHERE b.id = $1`,
      [id, now],
    );
  }

  /** Businesses whose `compliance_settings` limit how long recordings and transcripts are kept. */
  async recordingRetentions(): Promise<{ businessId: string; days: RecordingRetentionDays }[]> {
    const rows = await this.db.query<{ id: string; days: number }>(
      `SELECT id, (compliance_settings->>'recordingRetentionDays')::int AS days FROM businesses WHERE compliance_settings ? 'recordingRetentionDays' ORDER BY id`,
    );
    return rows.map((r) => ({ businessId: r.id, days: r.days as RecordingRetentionDays }));
  }

  /** What the compliance check reads about a business: its zone and `compliance_settings` (jsonb). */
  complianceSettingsOf(id: string): Promise<{ timezone: string | null; compliance_settings: Record<string, unknown> } | null> {
    return this.db.one(`SELECT timezone, compliance_settings FROM businesses WHERE id = $1`, [id]);
  }

  async updateComplianceSettings(id: string, timezone: string | null, settingsJson: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE businesses SET timezone = $2, compliance_settings = $3::jsonb, updated_at = $4 WHERE id = $1`, [id, timezone, settingsJson, now]);
  }

  /** Whether a business went live from this trial. */
  async existsForTrial(trialId: string, tx?: Tx): Promise<boolean> {
    return (await this.db.one(`SELECT 1 FROM businesses WHERE trial_id = $1`, [trialId], tx)) !== null;
  }

  async idByCheckoutSession(sessionId: string): Promise<string | null> {
    return (await this.db.one<{ id: string }>(`SELECT id FROM businesses WHERE checkout_session_id = $1`, [sessionId]))?.id ?? null;
  }

  async stripeCustomerOf(businessId: string): Promise<string | null> {
    return (await this.db.one<{ stripe_customer_id: string | null }>(`SELECT stripe_customer_id FROM businesses WHERE id = $1`, [businessId]))?.stripe_customer_id ?? null;
  }

  async nameOf(businessId: string, tx?: Tx): Promise<string | null> {
    return (await this.db.one<{ name: string }>(`SELECT name FROM businesses WHERE id = $1`, [businessId], tx))?.name ?? null;
  }

  /** Businesses in id order after `afterId`, with their time zone (analytics walks them all, a page at a time). */
  pageOfTimeZones(afterId: string | null, limit: number): Promise<{ id: string; timezone: string | null }[]> {
    return this.db.query(`SELECT id, timezone FROM businesses WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT $2`, [afterId, limit]);
  }

  /** A business's time zone (null: none set, or no such business). */
  async timeZoneOf(businessId: string): Promise<{ timezone: string | null } | null> {
    return this.db.one<{ timezone: string | null }>(`SELECT timezone FROM businesses WHERE id = $1`, [businessId]);
  }

  // --- assistant settings

  lockPersona(businessId: string, tx: Tx): Promise<PersonaRow | null> {
    return this.db.one(`SELECT name, industry, scenario, persona, vapi_assistant_id FROM businesses WHERE id = $1 FOR UPDATE`, [businessId], tx);
  }

  /** The persona as it stands, no lock (read before a provider call that no transaction may wait on). */
  persona(businessId: string): Promise<PersonaRow | null> {
    return this.db.one(`SELECT name, industry, scenario, persona, vapi_assistant_id FROM businesses WHERE id = $1`, [businessId]);
  }

  async updatePersona(businessId: string, name: string, personaJson: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE businesses SET name = $2, persona = $3::jsonb, updated_at = $4 WHERE id = $1`, [businessId, name, personaJson, now], tx);
  }

  // --- provisioning

  provisioning(businessId: string): Promise<ProvisioningRow | null> {
    return this.db.one<ProvisioningRow>(
      `SELECT b.id, b.name, b.industry, b.scenario, b.persona, b.status, b.provisioning_status, b.vapi_assistant_id, b.trial_id,
              p.id AS number_id, p.e164, p.twilio_sid, p.vapi_phone_number_id, p.status AS number_status
         FROM businesses b ${LIVE_NUMBER}
        WHERE b.id = $1`,
      [businessId],
    );
  }

  /** Stores the business's assistant unless it has one (then false: keep theirs). */
  async attachAssistant(businessId: string, assistantId: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(`UPDATE businesses SET vapi_assistant_id = $2, updated_at = $3 WHERE id = $1 AND vapi_assistant_id IS NULL RETURNING id`, [
      businessId,
      assistantId,
      now,
    ]);
    return rows.length > 0;
  }

  /** A number bought for the business; refused (unique violation) when another business holds it. */
  async insertNumber(businessId: string, e164: string, twilioSid: string, now: Date): Promise<void> {
    await this.db.execute(`INSERT INTO phone_numbers (business_id, e164, twilio_sid, status, created_at, updated_at) VALUES ($1, $2, $3, 'provisioning', $4, $4)`, [
      businessId,
      e164,
      twilioSid,
      now,
    ]);
  }

  /** Marks the number active (connected to the voice agent); true when it was not active before. */
  async activateNumber(numberId: string, vapiPhoneNumberId: string, now: Date, tx?: Tx): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE phone_numbers p SET vapi_phone_number_id = COALESCE(p.vapi_phone_number_id, $2), status = 'active', updated_at = $3
         FROM phone_numbers before WHERE p.id = $1 AND before.id = p.id RETURNING before.status AS previous`,
      [numberId, vapiPhoneNumberId, now],
      tx,
    );
    return rows.length > 0 && rows[0].previous !== 'active';
  }

  async markProvisioning(businessId: string, status: 'in_progress' | 'done' | 'failed', step: ProvisioningStep | null, error: string | null, now: Date): Promise<void> {
    await this.db.execute(
      `UPDATE businesses SET provisioning_status = $2, provisioning_step = $3, provisioning_error = $4, provisioning_updated_at = $5 WHERE id = $1`,
      [businessId, status, step, error, now],
    );
  }

  // --- billing (each inside the event's processing transaction)

  /** The business of a checkout or its subscription, locked. */
  lockByCheckout(sessionId: string, subscriptionId: string, tx: Tx): Promise<{ id: string; status: BusinessStatus; trial_id: string | null } | null> {
    return this.db.one(
      `SELECT id, status, trial_id FROM businesses WHERE checkout_session_id = $1 OR stripe_subscription_id = $2 ORDER BY created_at LIMIT 1 FOR UPDATE`,
      [sessionId, subscriptionId],
      tx,
    );
  }

  lockBySubscription(subscriptionId: string, tx: Tx): Promise<BillingRow | null> {
    return this.db.one<BillingRow>(
      `SELECT id, status, plan, subscription_synced_at, current_period_start, provisioning_status, stripe_customer_id FROM businesses WHERE stripe_subscription_id = $1 FOR UPDATE`,
      [subscriptionId],
      tx,
    );
  }

  async statusOf(businessId: string, tx?: Tx): Promise<BusinessStatus | null> {
    return (await this.db.one<{ status: BusinessStatus }>(`SELECT status FROM businesses WHERE id = $1`, [businessId], tx))?.status ?? null;
  }

  /** One subscription's events, and its checkout, one at a time, until `tx` ends. */
  /** One caller's inbound calls to one business take turns (their count decides who is answered), until the transaction ends. */
  async lockInboundCaller(businessId: string, caller: string, tx: Tx): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`inbound:${businessId}:${caller}`], tx);
  }

  async lockSubscription(subscriptionId: string, tx: Tx): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`billing:subscription:${subscriptionId}`], tx);
  }

  async create(b: NewBusiness, tx: Tx): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO businesses (name, industry, scenario, persona, stripe_customer_id, stripe_subscription_id, status, plan, calls_included,
         current_period_end, trial_id, checkout_session_id, past_due_since, subscription_synced_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       RETURNING id`,
      [
        b.name,
        b.industry,
        b.scenario,
        b.personaJson,
        b.customerId,
        b.subscriptionId,
        b.status,
        b.plan,
        b.callsIncluded,
        b.currentPeriodEnd,
        b.trialId,
        b.checkoutSessionId,
        b.pastDueSince,
        b.syncedAt,
        b.now,
      ],
      tx,
    );
    return row.id;
  }

  async cancel(businessId: string, at: Date, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE businesses SET status = 'canceled', past_due_since = NULL, subscription_synced_at = GREATEST(subscription_synced_at, $2), updated_at = $3 WHERE id = $1`,
      [businessId, at, now],
      tx,
    );
  }

  /** A paid invoice: a new period resets the usage; the period's bounds only move forward. */
  async applyPaidInvoice(businessId: string, invoice: { newPeriod: boolean; periodStart: Date; periodEnd: Date; invoiceId: string }, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE businesses SET
         calls_used_this_period = CASE WHEN $2::boolean THEN 0 ELSE calls_used_this_period END,
         current_period_start = GREATEST(current_period_start, $3),
         current_period_end = GREATEST(current_period_end, $4),
         last_paid_invoice_id = CASE WHEN current_period_start IS NULL OR current_period_start <= $3 THEN $5 ELSE last_paid_invoice_id END,
         updated_at = $6
       WHERE id = $1`,
      [businessId, invoice.newPeriod, invoice.periodStart, invoice.periodEnd, invoice.invoiceId, now],
      tx,
    );
  }

  /** What a paid invoice brought in (the margin's revenue): once per Stripe invoice, whoever delivers or replays it. */
  /** A subscription's state as one Stripe event told it; the same event twice is kept once. */
  async recordSubscriptionChange(
    businessId: string,
    change: { customerId: string; subscriptionId: string; userId?: string; eventId: string; status: BusinessStatus; plan: Plan; mrrCents: number; at: Date },
    tx: Tx,
  ): Promise<void> {
    await this.db.execute(
      `INSERT INTO subscription_changes (business_id, stripe_customer_id, stripe_subscription_id, user_id, stripe_event_id, status, plan, mrr_cents, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (stripe_event_id) DO NOTHING`,
      [businessId, change.customerId, change.subscriptionId, change.userId ?? null, change.eventId, change.status, change.plan, change.mrrCents, change.at],
      tx,
    );
  }

  /** Every recorded subscription state before `to`, in event time (the whole history: MRR needs each customer's past). */
  subscriptionChangesBefore(to: Date): Promise<SubscriptionChangeRow[]> {
    return this.db.query<SubscriptionChangeRow>(
      `SELECT COALESCE(
                (SELECT p.user_id::text FROM subscription_changes p WHERE p.stripe_subscription_id = s.stripe_subscription_id AND p.user_id IS NOT NULL LIMIT 1),
                s.stripe_customer_id) AS customer,
              s.stripe_subscription_id, s.status, s.plan, s.mrr_cents, s.occurred_at
         FROM subscription_changes s WHERE s.occurred_at < $1 ORDER BY s.occurred_at, s.id`,
      [to],
    );
  }

  /** Stores a paid invoice once per Stripe invoice id; true when this call stored it (the first delivery). */
  async recordPaidInvoice(
    businessId: string,
    invoice: { invoiceId: string; amountPaidCents: number; currency: string; paidAt: Date; periodStart: Date | null; periodEnd: Date | null },
    tx: Tx,
  ): Promise<boolean> {
    const inserted = await this.db.execute(
      `INSERT INTO business_invoices (business_id, stripe_invoice_id, amount_paid_cents, currency, paid_at, period_start, period_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (stripe_invoice_id) DO NOTHING`,
      [businessId, invoice.invoiceId, invoice.amountPaidCents, invoice.currency, invoice.paidAt, invoice.periodStart, invoice.periodEnd],
      tx,
    );
    return inserted > 0;
  }

  /**
   * Revenue per business over [from, to): the paid invoices' amounts (US dollars), with each
   * business's name, plan and status; `businessId` narrows it to one.
   */
  revenueByBusiness(from: Date, to: Date, businessId?: string): Promise<RevenueRow[]> {
    return this.db.query<RevenueRow>(
      `SELECT b.id, b.name, b.plan, b.status, count(i.id)::int AS invoices, COALESCE(sum(i.amount_paid_cents), 0)::bigint::text AS cents
         FROM business_invoices i JOIN businesses b ON b.id = i.business_id
        WHERE i.paid_at >= $1 AND i.paid_at < $2 AND i.currency = 'usd' AND ($3::uuid IS NULL OR i.business_id = $3::uuid)
        GROUP BY b.id`,
      [from, to, businessId ?? null],
    );
  }

  /** Name, plan and status of these businesses (staff's reports). */
  summariesOf(ids: readonly string[]): Promise<{ id: string; name: string; plan: Plan; status: BusinessStatus }[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.query(`SELECT id, name, plan, status FROM businesses WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async markPastDue(businessId: string, at: Date, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE businesses SET status = 'past_due', past_due_since = COALESCE(past_due_since, $2),
         subscription_synced_at = GREATEST(subscription_synced_at, $2), updated_at = $3
       WHERE id = $1`,
      [businessId, at, now],
      tx,
    );
  }

  /** Stripe's view of the subscription at `at`: status, plan and allowance, period end. */
  async applySubscription(
    businessId: string,
    state: { status: BusinessStatus; plan: Plan; callsIncluded: number; periodEnd: Date | null; cancelAtPeriodEnd: boolean; at: Date },
    now: Date,
    tx: Tx,
  ): Promise<void> {
    await this.db.execute(
      `UPDATE businesses b SET status = $2, plan = $3, calls_included = $4, cancel_at_period_end = $8,
         -- a downgrade mid-period: the calls already made use up the smaller allowance, no more
         -- (staff's override, kept as it is, still counts while it runs)
         calls_used_this_period = LEAST(calls_used_this_period, CASE WHEN b.calls_included_override_until > $7 THEN GREATEST($4, b.calls_included_override) ELSE $4 END),
         past_due_since = CASE WHEN $2 = 'past_due' THEN COALESCE(past_due_since, $5) ELSE NULL END,
         current_period_end = GREATEST(current_period_end, $6),
         subscription_synced_at = $5, updated_at = $7
       WHERE id = $1`,
      [businessId, state.status, state.plan, state.callsIncluded, state.at, state.periodEnd, now, state.cancelAtPeriodEnd],
      tx,
    );
  }

  /** Stripe confirmed the subscription no longer ends at the period's end (its event follows). */
  async markResumed(businessId: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE businesses SET cancel_at_period_end = false, updated_at = $2 WHERE id = $1`, [businessId, now]);
  }

  // --- staff's plan override

  lockPlanOverride(businessId: string, tx: Tx): Promise<PlanOverrideRow | null> {
    return this.db.one<PlanOverrideRow>(`SELECT ${PLAN_OVERRIDE_COLUMNS} FROM businesses WHERE id = $1 FOR UPDATE`, [businessId], tx);
  }

  planOverride(businessId: string): Promise<PlanOverrideRow | null> {
    return this.db.one<PlanOverrideRow>(`SELECT ${PLAN_OVERRIDE_COLUMNS} FROM businesses WHERE id = $1`, [businessId]);
  }

  /**
   * Sets (or replaces) staff's override; the calls already used this period stay, up to what the
   * plan or the new override allows (as a downgrade does).
   */
  async setPlanOverride(businessId: string, o: { callsIncluded: number; until: Date; reason: string; by: string | null }, now: Date, tx: Tx): Promise<PlanOverrideRow> {
    const [row] = await this.db.query<PlanOverrideRow>(
      `UPDATE businesses SET calls_included_override = $2, calls_included_override_until = $3, calls_included_override_reason = $4,
         calls_included_override_by = $5, calls_included_override_at = $6,
         calls_used_this_period = LEAST(calls_used_this_period, GREATEST(calls_included, $2)), updated_at = $6
       WHERE id = $1 RETURNING ${PLAN_OVERRIDE_COLUMNS}`,
      [businessId, o.callsIncluded, o.until, o.reason, o.by, now],
      tx,
    );
    return row;
  }

  /** Removes staff's override: the plan's allowance again (the calls used beyond it are not counted twice). */
  async clearPlanOverride(businessId: string, now: Date, tx: Tx): Promise<PlanOverrideRow> {
    const [row] = await this.db.query<PlanOverrideRow>(
      `UPDATE businesses SET calls_included_override = NULL, calls_included_override_until = NULL, calls_included_override_reason = NULL,
         calls_included_override_by = NULL, calls_included_override_at = NULL,
         calls_used_this_period = LEAST(calls_used_this_period, calls_included), updated_at = $2
       WHERE id = $1 RETURNING ${PLAN_OVERRIDE_COLUMNS}`,
      [businessId, now],
      tx,
    );
    return row;
  }

  // --- inbound routing

  /** The business a number belongs to (by E.164 or Vapi's number id), live numbers only. */
  findByDialledNumber(dialled: string | null, vapiNumberId: string | null, tx?: Tx): Promise<DialledBusiness | null> {
    return this.db.one<DialledBusiness>(
      `SELECT b.id, b.name, b.industry, b.scenario, b.persona, b.vapi_assistant_id, p.e164 AS dialled
         FROM phone_numbers p JOIN businesses b ON b.id = p.business_id
        WHERE p.status = 'active' AND (p.e164 = $1 OR p.vapi_phone_number_id = $2)
        LIMIT 1`,
      [dialled, vapiNumberId],
      tx,
    );
  }

  /**
   * Counts one outbound call against the plan when the business may make one (active, or past due
   * within the grace; its assistant and a live number ready; calls left), on the locked row, and
   * returns what placing it needs. null: it may not (see outboundBlocker for why).
   */
  takeOutboundCall(businessId: string, graceStart: Date, now: Date, tx: Tx): Promise<{ vapi_assistant_id: string; vapi_phone_number_id: string; e164: string; name: string } | null> {
    return this.db.one(
      `WITH n AS (
         SELECT vapi_phone_number_id, e164 FROM phone_numbers
          WHERE business_id = $1 AND status = 'active' AND vapi_phone_number_id IS NOT NULL ORDER BY created_at LIMIT 1
       )
       UPDATE businesses b SET calls_used_this_period = b.calls_used_this_period + 1, updated_at = $3
         FROM n
        WHERE b.id = $1 AND b.vapi_assistant_id IS NOT NULL
          AND (b.status = 'active' OR (b.status = 'past_due' AND b.past_due_since > $2))
          AND b.calls_used_this_period < ${callsIncludedAt('$3')}
       RETURNING b.vapi_assistant_id, n.vapi_phone_number_id, n.e164, b.name`,
      [businessId, graceStart, now],
      tx,
    );
  }

  /** Gives back a counted call that was never placed (the provider refused it). */
  async giveBackCall(businessId: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE businesses SET calls_used_this_period = GREATEST(0, calls_used_this_period - 1), updated_at = $2 WHERE id = $1`,
      [businessId, now],
      tx,
    );
  }

  /**
   * Counts one call against the plan, if the business may take calls (active, or past due within
   * the grace) and has calls left; checked on the locked row, so two calls racing for the last
   * included call cannot both get it.
   */
  async countInboundCall(businessId: string, graceStart: Date, now: Date, tx: Tx): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE businesses b SET calls_used_this_period = b.calls_used_this_period + 1, updated_at = $3
        WHERE b.id = $1 AND b.vapi_assistant_id IS NOT NULL
          AND (b.status = 'active' OR (b.status = 'past_due' AND b.past_due_since > $2))
          AND b.calls_used_this_period < ${callsIncludedAt('$3')}
       RETURNING b.id`,
      [businessId, graceStart, now],
      tx,
    );
    return rows.length > 0;
  }

  /** A phone number and its business (staff's page), released ones too. */
  numberForStaff(numberId: string): Promise<{ id: string; e164: string; status: 'provisioning' | 'active' | 'released'; business_id: string; business_name: string; twilio_sid: string | null; vapi_phone_number_id: string | null; created_at: Date; updated_at: Date } | null> {
    return this.db.one(
      `SELECT p.id, p.e164, p.status, p.business_id, b.name AS business_name, p.twilio_sid, p.vapi_phone_number_id, p.created_at, p.updated_at
         FROM phone_numbers p JOIN businesses b ON b.id = p.business_id
        WHERE p.id = $1`,
      [numberId],
    );
  }

  /** A business's Stripe ids (staff's page). */
  stripeIdsOf(businessId: string): Promise<{ stripe_customer_id: string | null; stripe_subscription_id: string | null } | null> {
    return this.db.one(`SELECT stripe_customer_id, stripe_subscription_id FROM businesses WHERE id = $1`, [businessId]);
  }

  /**
   * Staff search over businesses: by id, Stripe customer or subscription id (unique btree keys),
   * the whole name, its start (businesses_name_pattern_idx) or, from 3 characters, a part of it
   * (businesses_name_trgm_idx).
   */
  async staffSearchBusinesses(terms: SearchTerms): Promise<StaffBusinessRow[]> {
    const cols = `id, name, status, plan, stripe_customer_id, stripe_subscription_id, created_at`;
    const params: unknown[] = [terms.limit];
    const branches: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (terms.uuid) branches.push(`(SELECT ${cols}, ${MATCH.exact} AS rank FROM businesses WHERE id = ${bind(terms.uuid)}::uuid LIMIT $1)`);
    if (!terms.uuid && !terms.phone) {
      const raw = bind(terms.raw);
      branches.push(`(SELECT ${cols}, ${MATCH.exact} AS rank FROM businesses WHERE stripe_customer_id = ${raw} OR stripe_subscription_id = ${raw} LIMIT $1)`);
      const exact = bind(terms.lower);
      const prefix = bind(`${escapeLike(terms.lower)}%`);
      branches.push(
        `(SELECT ${cols}, CASE WHEN lower(name) = ${exact} THEN ${MATCH.exact} ELSE ${MATCH.prefix} END AS rank
            FROM businesses WHERE lower(name) LIKE ${prefix} ESCAPE '\\' ORDER BY lower(name) USING ~<~ LIMIT $1)`,
      );
      if (terms.partial) {
        const part = bind(`%${escapeLike(terms.lower)}%`);
        branches.push(
          `(SELECT ${cols}, ${MATCH.partial} AS rank FROM businesses WHERE lower(name) LIKE ${part} ESCAPE '\\' AND lower(name) NOT LIKE ${prefix} ESCAPE '\\' LIMIT $1)`,
        );
      }
    }
    if (branches.length === 0) return [];
    return this.db.query<StaffBusinessRow>(branches.join(' UNION ALL '), params);
  }

  /** Staff search over phone numbers (released ones too): by id, or the number as E.164 (phone_numbers_e164_idx). */
  async staffSearchNumbers(terms: SearchTerms): Promise<StaffNumberRow[]> {
    if (!terms.uuid && !terms.phone) return [];
    return this.db.query<StaffNumberRow>(
      `SELECT p.id, p.e164, p.status, p.business_id, b.name AS business_name, ${MATCH.exact} AS rank
         FROM phone_numbers p JOIN businesses b ON b.id = p.business_id
        WHERE ${terms.uuid ? 'p.id = $2::uuid' : 'p.e164 = $2'}
        ORDER BY p.created_at DESC LIMIT $1`,
      [terms.limit, terms.uuid ?? terms.phone],
    );
  }
}

export interface StaffBusinessRow {
  id: string;
  name: string;
  status: BusinessStatus;
  plan: Plan;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  created_at: Date;
  rank: MatchRank;
}

export interface StaffNumberRow {
  id: string;
  e164: string;
  status: string;
  business_id: string;
  business_name: string;
  rank: MatchRank;
}
