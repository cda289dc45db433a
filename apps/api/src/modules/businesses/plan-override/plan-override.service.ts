import { Injectable } from '@nestjs/common';
import type { PlanOverride, PlanOverrideState, SetPlanOverrideRequest } from '@beaker/contracts';
import { type AuditActor, AuditService } from '../../../common/audit/audit.service';
import { Clock } from '../../../common/clock';
import { NotFound, ValidationFailed } from '../../../common/errors/common.errors';
import { Database } from '../../../database/database';
import { NoPlanOverride } from '../businesses.errors';
import { BusinessesRepository, type PlanOverrideRow } from '../persistence/businesses.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The override stored on the row, if it is still in force at `now`. */
export function activePlanOverride(row: PlanOverrideRow, now: Date): PlanOverride | null {
  const until = row.calls_included_override_until;
  if (row.calls_included_override === null || !until || until.getTime() <= now.getTime()) return null;
  return {
    callsIncluded: row.calls_included_override,
    until: until.toISOString(),
    reason: row.calls_included_override_reason ?? '',
    setBy: row.calls_included_override_by,
    setAt: (row.calls_included_override_at ?? now).toISOString(),
  };
}

export function planOverrideState(row: PlanOverrideRow, now: Date): PlanOverrideState {
  const override = activePlanOverride(row, now);
  return {
    businessId: row.id,
    plan: row.plan,
    planCallsIncluded: row.calls_included,
    callsIncluded: override ? override.callsIncluded : row.calls_included,
    callsUsedThisPeriod: row.calls_used_this_period,
    override,
  };
}

/** What the audit line keeps of the allowance before and after. */
function audited(state: PlanOverrideState): Record<string, unknown> {
  return { callsIncluded: state.callsIncluded, callsUsedThisPeriod: state.callsUsedThisPeriod, override: state.override && { callsIncluded: state.override.callsIncluded, until: state.override.until } };
}

/**
 * Staff grant a business a number of included calls per period other than its plan's, until a date
 * (default: the end of its current billing period), and take it back. Stored on the business,
 * kept through Stripe's subscription events; each change and its audit line commit together.
 */
@Injectable()
export class PlanOverrideService {
  constructor(
    private readonly db: Database,
    private readonly businesses: BusinessesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The override in force now (null when there is none, or no such business). */
  async current(businessId: string): Promise<PlanOverride | null> {
    const row = UUID.test(businessId) ? await this.businesses.planOverride(businessId) : null;
    return row ? activePlanOverride(row, this.clock.now()) : null;
  }

  async set(businessId: string, request: SetPlanOverrideRequest, actor: AuditActor): Promise<PlanOverrideState> {
    if (!UUID.test(businessId)) throw new NotFound('No such business');
    return this.db.transaction(async (tx) => {
      const row = await this.businesses.lockPlanOverride(businessId, tx);
      if (!row) throw new NotFound('No such business');
      const now = this.clock.now();
      const until = request.until ? new Date(request.until) : row.current_period_end;
      if (!until) throw new ValidationFailed('`until` is required: this business has no billing period', { errors: [{ field: 'until', messages: ['is required: the business has no billing period'] }] });
      if (until.getTime() <= now.getTime()) throw new ValidationFailed('`until` must be in the future', { errors: [{ field: 'until', messages: ['must be in the future'] }] });
      const before = planOverrideState(row, now);
      const after = planOverrideState(
        await this.businesses.setPlanOverride(row.id, { callsIncluded: request.callsIncluded, until, reason: request.reason, by: actor.kind === 'system' ? null : (actor.id ?? null) }, now, tx),
        now,
      );
      await this.audit.record(
        { actor, action: 'plan_override.set', target: { type: 'business', id: row.id }, businessId: row.id, reason: request.reason, before: audited(before), after: audited(after), details: { plan: row.plan, planCallsIncluded: row.calls_included } },
        tx,
      );
      return after;
    });
  }

  async remove(businessId: string, reason: string, actor: AuditActor): Promise<PlanOverrideState> {
    if (!UUID.test(businessId)) throw new NotFound('No such business');
    return this.db.transaction(async (tx) => {
      const row = await this.businesses.lockPlanOverride(businessId, tx);
      if (!row) throw new NotFound('No such business');
      const now = this.clock.now();
      const before = planOverrideState(row, now);
      if (!before.override) throw new NoPlanOverride();
      const after = planOverrideState(await this.businesses.clearPlanOverride(row.id, now, tx), now);
      await this.audit.record(
        { actor, action: 'plan_override.remove', target: { type: 'business', id: row.id }, businessId: row.id, reason, before: audited(before), after: audited(after), details: { plan: row.plan, planCallsIncluded: row.calls_included } },
        tx,
      );
      return after;
    });
  }
}
