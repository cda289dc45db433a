import { Injectable, Logger } from '@nestjs/common';
import type { CallPurpose, ComplianceReason } from '@beaker/contracts';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import type { JobMeta } from '../../common/queue/job-registry';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { CallCheckRequest, ComplianceService, DeferralOwner, deferralOwnerOf } from './compliance.service';
import type { LeadAddress } from './engine';
import type { ComplianceDecisionRecord } from './entities/compliance-decision.entity';

/** A deferred call whose time has come, as handed back to the module that owns it. */
export interface DeferredCall {
  /** The decision that allows the call now: link the call you place to it. */
  decisionId: string;
  owner: DeferralOwner;
  to: string;
  purpose: CallPurpose;
  businessId: string | null;
  trialId: string | null;
  leadId: string | null;
  recordingDisclosure: boolean;
}

/**
 * Implemented by the module that owns a kind of outbound call (trials: 'trial', speed-to-lead:
 * 'lead'), registered at start-up:
 *
 *   onModuleInit() { this.placers.register('lead', this); }
 *
 * The compliance module calls it when a deferred call is allowed again.
 */
export abstract class DeferredCallPlacer {
  /**
   * Place the call now. Return its id (the compliance module links it to the decision), or null
   * when the owner no longer wants it (lead closed, trial expired). A retried job may call twice
   * with the same decisionId: be idempotent on it.
   */
  abstract placeDeferredCall(call: DeferredCall): Promise<{ callId: string } | null>;

  /** Optional: the re-check blocked the call (e.g. the number went on a do-not-call list meanwhile). */
  deferredCallBlocked?(call: DeferredCall, reasons: ComplianceReason[]): Promise<void>;
}

/** Who places deferred calls, by owner kind. Owners register themselves; none registered → logged, decision marked no_placer. */
@Injectable()
export class DeferredCallPlacers {
  private readonly placers = new Map<DeferralOwner['kind'], DeferredCallPlacer>();

  register(kind: DeferralOwner['kind'], placer: DeferredCallPlacer): void {
    if (this.placers.has(kind) && this.placers.get(kind) !== placer) throw new Error(`a DeferredCallPlacer for '${kind}' is already registered`);
    this.placers.set(kind, placer);
  }

  placerFor(kind: DeferralOwner['kind']): DeferredCallPlacer | null {
    return this.placers.get(kind) ?? null;
  }
}

function requestOf(decision: ComplianceDecisionRecord): CallCheckRequest {
  const summary = decision.inputSummary as { address?: LeadAddress | null };
  return {
    to: decision.phoneE164,
    purpose: decision.purpose,
    businessId: decision.businessId,
    trialId: decision.trialId,
    leadId: decision.leadId,
    subject: decision.subject ?? undefined,
    address: summary.address ?? undefined,
  };
}

/**
 * The deferred-call job: at nextAllowedAt, check the call again (a new decision chained to the
 * deferring one); allow → the owner places it; defer → a new job; block → the owner is told.
 * Idempotent: a retried job continues from the re-check already stored.
 */
@Injectable()
export class DeferredCallJobs {
  private readonly logger = new Logger('DeferredCalls');

  constructor(
    private readonly compliance: ComplianceService,
    private readonly placers: DeferredCallPlacers,
  ) {}

  @JobHandler(JobName.DeferredCall)
  async recheck(payload: JobPayloads[JobName.DeferredCall], meta?: JobMeta): Promise<string> {
    const deferring = await this.compliance.findDecision(payload.decisionId);
    // The transaction that deferred was rolled back after the job was queued: nothing to do.
    if (!deferring) return 'no-decision';
    const owner = deferralOwnerOf(deferring);
    if (!owner) return 'no-owner';

    let decision = await this.compliance.successorOf(deferring.id);
    if (!decision) {
      const check = await this.compliance.check(requestOf(deferring), undefined, { previousDecisionId: deferring.id, deferrals: payload.deferrals + 1 });
      decision = (await this.compliance.findDecision(check.decisionId))!;
    }
    const call: DeferredCall = {
      decisionId: decision.id,
      owner,
      to: decision.phoneE164,
      purpose: decision.purpose,
      businessId: decision.businessId,
      trialId: decision.trialId,
      leadId: decision.leadId,
      recordingDisclosure: decision.recordingDisclosure,
    };
    const placer = this.placers.placerFor(owner.kind);

    if (decision.decision === 'defer') {
      // A retry after the re-check was stored but before its job was queued: queue it now.
      if (!decision.outcome) {
        const jobId = await this.compliance.scheduleDeferral(decision.id, owner, decision.nextAllowedAt!, payload.deferrals + 1);
        if (!jobId) this.logger.error({ decisionId: decision.id, owner }, 'deferred call abandoned: deferred too many times');
      }
      return 'deferred';
    }
    if (decision.decision === 'block') {
      this.logger.warn({ decisionId: decision.id, owner, rules: decision.reasons.map((r) => r.rule) }, 'deferred call blocked on re-check');
      await placer?.deferredCallBlocked?.(call, decision.reasons);
      return 'blocked';
    }
    if (decision.callId || decision.outcome) return 'settled';
    if (!placer) {
      this.logger.warn({ decisionId: decision.id, owner }, `deferred call allowed but no DeferredCallPlacer is registered for '${owner.kind}'`);
      await this.compliance.markOutcome(decision.id, 'no_placer');
      return 'no-placer';
    }
    try {
      const placed = await placer.placeDeferredCall(call);
      if (placed) await this.compliance.linkDecisionToCall(decision.id, placed.callId);
      else await this.compliance.markOutcome(decision.id, 'owner_declined');
      return placed ? 'placed' : 'declined';
    } catch (err) {
      // On the last attempt the decision says so; the failed job stays in the queue dashboard.
      if (meta && meta.attemptsMade + 1 >= meta.maxAttempts) await this.compliance.markOutcome(decision.id, 'abandoned');
      throw err;
    }
  }
}
