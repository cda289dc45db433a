import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  PAST_DUE_GRACE_DAYS,
  PROVISIONING_STEPS,
  type BusinessOverview,
  type BusinessResponse,
  type CallsPausedReason,
  type MemberRole,
  type ProvisioningStatus,
  type ProvisioningStep,
} from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { NotFound } from '../../common/errors/common.errors';
import { readBusinessPersona, settingsOf } from './assistant/business-persona';
import { Business } from './entities/business.entity';
import { nextStep } from './provisioning/business-provisioning';

interface OverviewRow {
  id: string;
  name: string;
  industry: BusinessOverview['industry'];
  scenario: BusinessOverview['scenario'];
  persona: unknown;
  status: BusinessOverview['status'];
  plan: BusinessOverview['plan'];
  calls_included: number;
  calls_used_this_period: number;
  current_period_end: Date | null;
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

@Injectable()
export class BusinessesService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The business as its members see it. Access is checked by @BusinessRoute before this runs. */
  async get(id: string): Promise<BusinessResponse> {
    const business = await this.db.getRepository(Business).findOneBy({ id });
    if (!business) throw new NotFound('No such business');
    return {
      id: business.id,
      name: business.name,
      status: business.status,
      plan: business.plan,
      callsIncluded: business.callsIncluded,
      callsUsedThisPeriod: business.callsUsedThisPeriod,
      currentPeriodEnd: business.currentPeriodEnd?.toISOString() ?? null,
    };
  }

  /** The dashboard's first screen: subscription, usage, number, setup progress, assistant settings. */
  async overview(id: string, yourRole: MemberRole | null): Promise<BusinessOverview> {
    const [b]: OverviewRow[] = await this.db.query(
      `SELECT b.id, b.name, b.industry, b.scenario, b.persona, b.status, b.plan, b.calls_included, b.calls_used_this_period,
              b.current_period_end, b.past_due_since, b.vapi_assistant_id, b.provisioning_status, b.provisioning_step, b.provisioning_error,
              p.id AS number_id, p.e164, p.status AS number_status, p.vapi_phone_number_id
         FROM businesses b
         LEFT JOIN LATERAL (
           SELECT id, e164, status, vapi_phone_number_id FROM phone_numbers
            WHERE business_id = b.id AND status <> 'released' ORDER BY created_at LIMIT 1
         ) p ON true
        WHERE b.id = $1`,
      [id],
    );
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
      phoneNumber: b.e164 && b.number_status ? { e164: b.e164, status: b.number_status } : null,
      provisioning: {
        // What is stored wins over the status column: a step may have finished while another was marked.
        status: pending ? (b.provisioning_status === 'done' ? 'in_progress' : b.provisioning_status) : 'done',
        currentStep: pending ?? null,
        steps: PROVISIONING_STEPS.map((step, i) => ({ step, done: i < doneUpTo })),
        error: pending && b.provisioning_status === 'failed' ? b.provisioning_error : null,
      },
      assistant: settingsOf(persona),
      callsPausedReason: callsPausedReason(b, this.clock.now()),
      yourRole,
    };
  }
}
