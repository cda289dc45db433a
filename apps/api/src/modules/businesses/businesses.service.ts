import { Injectable } from '@nestjs/common';
import {
  PAST_DUE_GRACE_DAYS,
  type AdminPhoneNumberDetail,
  PROVISIONING_STEPS,
  type BusinessOverview,
  type BusinessResponse,
  type BusinessStatus,
  type CallsPausedReason,
  type MemberRole,
  type Plan,
} from '@beaker/contracts';
import { Clock } from '../../common/clock';
import type { SearchTerms, StaffSearchMatch } from '../../common/staff-search/search-terms';
import { NotFound } from '../../common/errors/common.errors';
import type { Tx } from '../../database/database';
import { readBusinessPersona, settingsOf } from './assistant/business-persona';
import { BusinessesRepository, OverviewRow } from './persistence/businesses.repository';
import { CheckoutStartsRepository } from './persistence/checkout-starts.repository';
import { nextStep } from './provisioning/business-provisioning.service';

/** Why callers get the fallback instead of the assistant right now (the router's rule, for the dashboard). */
export function callsPausedReason(
  b: Pick<OverviewRow, 'status' | 'past_due_since' | 'calls_used_this_period' | 'calls_included' | 'vapi_assistant_id' | 'number_status'>,
  now: Date,
): CallsPausedReason | null {
  if (b.status === 'canceled') return 'canceled';
  if (b.status === 'past_due' && (!b.past_due_since || b.past_due_since.getTime() <= now.getTime() - PAST_DUE_GRACE_DAYS * 86_400_000)) return 'past_due';
  if (!b.vapi_assistant_id || b.number_status !== 'active') return 'provisioning';
  if (b.calls_used_this_period >= b.calls_included) return 'over_limit';
  return null;
}

/** What an outbound call of a business is placed with. */
export interface OutboundCaller {
  assistantId: string;
  /** The provider's id of the business's number: the call comes from it. */
  fromPhoneNumberId: string;
  fromE164: string;
  businessName: string;
}

/**
 * Why a business may not place a call now: `plan.limit_reached` (no calls left this period), or
 * `business.<reason>` (canceled, past_due beyond the grace, provisioning: no assistant or number yet).
 */
export type OutboundBlocker = 'plan.limit_reached' | 'business.canceled' | 'business.past_due' | 'business.provisioning';

/** What a business paid over a period (staff's margin report). */
export interface BusinessRevenue {
  businessId: string;
  name: string;
  plan: Plan;
  status: BusinessStatus;
  invoices: number;
  revenueUsd: number;
}

/** A subscription's state as one Stripe event told it. */
/** How far a person got in paying: their first checkout opened and their first payment (staff's funnel). */
export interface CheckoutProgress {
  userId: string;
  checkoutStartedAt: Date | null;
  paidAt: Date | null;
}

export interface SubscriptionChange {
  /** Who pays: the person whose checkout started the subscription (else its Stripe customer). */
  customerId: string;
  subscriptionId: string;
  status: BusinessStatus;
  plan: Plan;
  mrrCents: number;
  at: Date;
}

@Injectable()
export class BusinessesService {
  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly clock: Clock,
    private readonly checkoutStarts: CheckoutStartsRepository,
  ) {}

  /** The business as its members see it. Access is checked by @BusinessRoute before this runs. */
  async get(id: string): Promise<BusinessResponse> {
    const b = await this.businesses.overview(id, this.clock.now());
    if (!b) throw new NotFound('No such business');
    return {
      id: b.id,
      name: b.name,
      status: b.status,
      plan: b.plan,
      callsIncluded: b.calls_included,
      callsUsedThisPeriod: b.calls_used_this_period,
      currentPeriodEnd: b.current_period_end?.toISOString() ?? null,
      phoneNumber: b.e164 && b.number_status ? { e164: b.e164, status: b.number_status } : null,
    };
  }

  /**
   * Counts one outbound call against the plan, in the caller's transaction (a rollback gives it
   * back), when the business may make it; otherwise says why not. Placed calls count like answered
   * ones: the plan's "calls" are both.
   */
  async takeOutboundCall(businessId: string, tx: Tx): Promise<{ caller: OutboundCaller } | { blocked: OutboundBlocker }> {
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - PAST_DUE_GRACE_DAYS * 86_400_000);
    const taken = await this.businesses.takeOutboundCall(businessId, graceStart, now, tx);
    if (taken) {
      return { caller: { assistantId: taken.vapi_assistant_id, fromPhoneNumberId: taken.vapi_phone_number_id, fromE164: taken.e164, businessName: taken.name } };
    }
    const b = await this.businesses.overview(businessId, now);
    if (!b) throw new NotFound('No such business');
    const reason = callsPausedReason(b, now) ?? 'provisioning';
    return { blocked: reason === 'over_limit' ? 'plan.limit_reached' : `business.${reason}` };
  }

  /** Gives back a call counted by takeOutboundCall that the provider never took. */
  giveBackCall(businessId: string, tx: Tx): Promise<void> {
    return this.businesses.giveBackCall(businessId, this.clock.now(), tx);
  }

  /** Staff search (GET /v1/admin/search): businesses by id, Stripe ids or name; phone numbers by id or number. */
  async searchForStaff(terms: SearchTerms): Promise<StaffSearchMatch[]> {
    const [businesses, numbers] = await Promise.all([this.businesses.staffSearchBusinesses(terms), this.businesses.staffSearchNumbers(terms)]);
    return [
      ...businesses.map((b) => ({
        kind: 'business' as const,
        id: b.id,
        title: b.name,
        subtitle: [b.plan, b.status, b.stripe_customer_id, b.stripe_subscription_id].filter(Boolean).join(' · '),
        url: `/admin/businesses/${b.id}`,
        rank: b.rank,
      })),
      ...numbers.map((n) => ({
        kind: 'phone_number' as const,
        id: n.id,
        title: n.e164,
        subtitle: `${n.business_name} · ${n.status}`,
        url: `/admin/phone-numbers/${n.id}`,
        businessUrl: `/admin/businesses/${n.business_id}`,
        rank: n.rank,
      })),
    ];
  }

  /** A business's Stripe customer and subscription ids (null when there is no such business). */
  async stripeIdsOf(businessId: string): Promise<{ customerId: string | null; subscriptionId: string | null } | null> {
    const row = await this.businesses.stripeIdsOf(businessId);
    return row ? { customerId: row.stripe_customer_id, subscriptionId: row.stripe_subscription_id } : null;
  }

  /**
   * Staff's margin report: what each business paid over [from, to) (its paid Stripe invoices, in US
   * dollars), with its name, plan and status; businesses that paid nothing are not listed.
   */
  async revenueForStaff(from: Date, to: Date, businessId?: string): Promise<BusinessRevenue[]> {
    const rows = await this.businesses.revenueByBusiness(from, to, businessId);
    return rows.map((r) => ({ businessId: r.id, name: r.name, plan: r.plan, status: r.status, invoices: r.invoices, revenueUsd: Number(r.cents) / 100 }));
  }

  /** Of these people, those who opened a checkout or paid, with when each first did (staff's funnel). */
  async checkoutProgressForStaff(userIds: readonly string[]): Promise<CheckoutProgress[]> {
    return (await this.checkoutStarts.checkoutFunnelOf(userIds)).map((r) => ({ userId: r.user_id, checkoutStartedAt: r.checkout_started_at, paidAt: r.paid_at }));
  }

  /** Every state Stripe reported for every subscription before `to`, in event time (staff's MRR). */
  async subscriptionHistoryForStaff(to: Date): Promise<SubscriptionChange[]> {
    return (await this.businesses.subscriptionChangesBefore(to)).map((r) => ({
      customerId: r.customer,
      subscriptionId: r.stripe_subscription_id,
      status: r.status,
      plan: r.plan,
      mrrCents: r.mrr_cents,
      at: r.occurred_at,
    }));
  }

  /** Name, plan and status of these businesses (unknown ids are left out). */
  async summariesForStaff(ids: readonly string[]): Promise<Omit<BusinessRevenue, 'invoices' | 'revenueUsd'>[]> {
    return (await this.businesses.summariesOf(ids)).map((r) => ({ businessId: r.id, name: r.name, plan: r.plan, status: r.status }));
  }

  /** A phone number as staff see it (null when there is none). */
  async phoneNumberForStaff(numberId: string): Promise<AdminPhoneNumberDetail | null> {
    const n = await this.businesses.numberForStaff(numberId);
    if (!n) return null;
    return {
      id: n.id,
      e164: n.e164,
      status: n.status,
      businessId: n.business_id,
      businessName: n.business_name,
      twilioSid: n.twilio_sid,
      vapiPhoneNumberId: n.vapi_phone_number_id,
      createdAt: n.created_at.toISOString(),
      updatedAt: n.updated_at.toISOString(),
    };
  }

  /** A business's name (null when there is none). */
  nameOf(businessId: string): Promise<string | null> {
    return this.businesses.nameOf(businessId);
  }

  /** Businesses in id order after `afterId` with their IANA time zone (null when none is set). */
  pageOfTimeZones(afterId: string | null, limit: number): Promise<{ id: string; timezone: string | null }[]> {
    return this.businesses.pageOfTimeZones(afterId, limit);
  }

  /** Businesses in id order after `afterId`, with what the weekly report needs to decide whether it is due. */
  pageForWeeklyReports(afterId: string | null, limit: number): Promise<{ id: string; name: string; timezone: string | null; status: string; createdAt: Date }[]> {
    return this.businesses.pageForWeeklyReports(afterId, limit);
  }

  /** A business's IANA time zone: undefined when there is no such business, null when it has none set. */
  async timeZoneOf(businessId: string): Promise<string | null | undefined> {
    return (await this.businesses.timeZoneOf(businessId))?.timezone;
  }

  /** The dashboard's first screen: subscription, usage, number, setup progress, assistant settings. */
  async overview(id: string, yourRole: MemberRole | null): Promise<BusinessOverview> {
    const now = this.clock.now();
    const b = await this.businesses.overview(id, now);
    if (!b) throw new NotFound('No such business');
    const pending = nextStep(b);
    const doneUpTo = pending ? PROVISIONING_STEPS.indexOf(pending) : PROVISIONING_STEPS.length;
    const persona = readBusinessPersona(b.persona, { name: b.name, industry: b.industry, scenario: b.scenario });
    return {
      id: b.id,
      name: b.name,
      status: b.status,
      plan: b.plan,
      callsIncluded: b.calls_included,
      callsUsedThisPeriod: b.calls_used_this_period,
      currentPeriodEnd: b.current_period_end?.toISOString() ?? null,
      industry: b.industry,
      scenario: b.scenario,
      pastDueSince: b.past_due_since?.toISOString() ?? null,
      cancelAtPeriodEnd: b.status !== 'canceled' && b.cancel_at_period_end,
      phoneNumber: b.e164 && b.number_status ? { e164: b.e164, status: b.number_status } : null,
      provisioning: {
        // What is stored wins over the status column: a step may have finished while another was marked.
        status: pending ? (b.provisioning_status === 'done' ? 'in_progress' : b.provisioning_status) : 'done',
        currentStep: pending ?? null,
        steps: PROVISIONING_STEPS.map((step, i) => ({ step, done: i < doneUpTo })),
        error: pending && b.provisioning_status === 'failed' ? b.provisioning_error : null,
      },
      assistant: settingsOf(persona),
      callsPausedReason: callsPausedReason(b, now),
      yourRole,
    };
  }
}
