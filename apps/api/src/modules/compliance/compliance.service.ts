import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CallPurpose, ComplianceReason } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { NotFound } from '../../common/errors/common.errors';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { ComplianceFacts, loadComplianceFacts } from './compliance-facts';
import { DecisionNotLinkable } from './compliance.errors';
import { ConsentEvidence, ConsentLedgerService } from './consent-ledger.service';
import { Evaluation, EvaluationInput, evaluate, LeadAddress } from './engine';
import { ComplianceDecisionRecord, DecisionOutcome } from './entities/compliance-decision.entity';
import { toE164 } from './phone';
import { ProviderCallSlots } from './provider-call-slots';

/** What a module asks before it places an outbound call. */
export interface CallCheckRequest {
  /** The number to call, E.164. */
  to: string;
  purpose: CallPurpose;
  /** The calling business; absent for Beaker's own calls (trial demos). */
  businessId?: string | null;
  trialId?: string | null;
  leadId?: string | null;
  /** What the lead told us about where they are: narrows nothing, adds candidate states and zones. */
  address?: LeadAddress;
  /** For the same-subject caps (FL, OK, MD); default: the lead or trial id. */
  subject?: string;
  /**
   * Consent captured with this request (a web form's submit, a trial's "Call me" click): recorded
   * in the ledger, in the same transaction, before the evaluation reads it.
   */
  consent?: ConsentEvidence;
  /** On defer, schedule a re-check at nextAllowedAt that hands the call back to its owner (default true; needs leadId or trialId). */
  scheduleDeferral?: boolean;
}

export interface CallCheck {
  decision: Evaluation['decision'];
  reasons: ComplianceReason[];
  /** On defer: the earliest minute the call is allowed. */
  nextAllowedAt: Date | null;
  /** Tell the agent to announce the recording. */
  recordingDisclosure: boolean;
  rulesVersion: string;
  /** The decision log row: link the call you place to it with linkDecisionToCall. */
  decisionId: string;
  /** On defer with an owner: the re-check job. */
  deferredJobId: string | null;
  location: Evaluation['location'];
}

export interface DryRunRequest {
  to: string;
  purpose: CallPurpose;
  at?: Date;
  businessId?: string | null;
  address?: LeadAddress;
  subject?: string;
}

export interface DeferralOwner {
  kind: 'lead' | 'trial';
  id: string;
}

/** Internal: a re-check of a deferred call continues its chain. */
interface CheckChain {
  previousDecisionId: string;
  deferrals: number;
}

/** A deferred call is re-checked at most this many times before it is abandoned (and logged). */
export const MAX_DEFERRALS = 100;

export function deferralOwnerOf(ids: { leadId?: string | null; trialId?: string | null }): DeferralOwner | null {
  if (ids.leadId) return { kind: 'lead', id: ids.leadId };
  if (ids.trialId) return { kind: 'trial', id: ids.trialId };
  return null;
}

/**
 * BullMQ job ids may not contain ':'. The same owner deferred to the same minute is one job
 * (idempotent); a re-deferral in a chain adds its count, so it never collides with the running job.
 */
export const deferredCallJobId = (owner: DeferralOwner, at: Date, deferrals = 0) =>
  `deferred-call-${owner.kind}-${owner.id}-${at.getTime()}${deferrals > 0 ? `-${deferrals}` : ''}`;

/**
 * "May we call this number now?" — before EVERY outbound call. Gathers the facts (DNC lists,
 * consent, call history, business settings) in one round trip, asks the pure engine, and logs
 * the decision. See README.md in this folder.
 */
@Injectable()
export class ComplianceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly ledger: ConsentLedgerService,
    private readonly jobs: JobsService,
    private readonly slots: ProviderCallSlots,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks a call, stores the decision, and on defer schedules the re-check. Pass `manager` to run
   * inside your transaction (the per-number lock and the provider slot are then held until you
   * commit); otherwise the check runs in its own. Place the call only on `allow`, then `linkDecisionToCall`.
   */
  checkBeforeCall(request: CallCheckRequest, manager?: EntityManager): Promise<CallCheck> {
    return this.check(request, manager);
  }

  /** Internal entry used by deferred re-checks, which carry their chain. */
  async check(request: CallCheckRequest, manager?: EntityManager, chain?: CheckChain): Promise<CallCheck> {
    const at = this.clock.now();
    const e164 = toE164(request.to);
    const to = e164 ?? request.to;
    const numberValid = e164 !== null;
    const businessId = request.businessId ?? null;

    const work = async (m: EntityManager) => {
      // Per number (the 24 h caps) and per business (its per-minute cap), so that two concurrent
      // checks cannot both take the last slot of those caps; number first, business second (a fixed
      // order: no deadlock). A call without a business (a trial demo) takes no second lock: the
      // provider's concurrency, which spans every business, is kept by the slot reservation.
      await (businessId
        ? m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))`, [
            `compliance:number:${to}`,
            `compliance:business:${businessId}`,
          ])
        : m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`compliance:number:${to}`]));
      // A provider slot, reserved before the facts are read (see ProviderCallSlots), and after the
      // locks: a check queued behind another one to the same number holds no slot while it waits.
      const decisionId = randomUUID();
      const inFlight = await this.slots.reserve(decisionId);
      let evaluation: Evaluation | undefined;
      try {
        if (request.consent && numberValid) {
          await this.ledger.recordConsent(
            { ...request.consent, phone: to, purpose: request.purpose, businessId, trialId: request.trialId, leadId: request.leadId },
            m,
          );
        }
        // The decisions in flight are left out of the database's count, and counted here.
        const facts = await loadComplianceFacts(m, to, businessId, at, null, inFlight);
        if (businessId && !facts.businessFound) throw new NotFound('No such business');
        facts.history.providerActiveCalls += inFlight.length;
        const input = this.engineInput({ ...request, to }, at, facts);
        evaluation = evaluate(input);
        await this.storeDecision(m, decisionId, request, to, input, facts, evaluation, at, chain?.previousDecisionId ?? null);
        return { evaluation, decisionId };
      } finally {
        // An allowed decision holds its slot until the other checks can see it (the commit);
        // anything else gives it back now.
        if (evaluation?.decision === 'allow') await this.slots.releaseWhenTransactionEnds(m, decisionId);
        else void this.slots.release(decisionId);
      }
    };
    const { evaluation, decisionId } = manager ? await work(manager) : await this.db.transaction(work);

    let deferredJobId: string | null = null;
    const owner = deferralOwnerOf(request);
    if (evaluation.decision === 'defer' && owner && request.scheduleDeferral !== false) {
      deferredJobId = await this.scheduleDeferral(decisionId, owner, evaluation.nextAllowedAt!, chain?.deferrals ?? 0, manager);
    }
    return {
      decision: evaluation.decision,
      reasons: evaluation.reasons,
      nextAllowedAt: evaluation.nextAllowedAt ?? null,
      recordingDisclosure: evaluation.recordingDisclosure,
      rulesVersion: evaluation.rulesVersion,
      decisionId,
      deferredJobId,
      location: evaluation.location,
    };
  }

  /**
   * The evaluation as it would be now (or at `at`); nothing is stored, nothing scheduled. With
   * `memberUserId`, 404 unless that user is a member of the business (checked in the same query).
   */
  async evaluateDryRun(request: DryRunRequest, memberUserId: string | null = null): Promise<Evaluation & { evaluatedAt: Date }> {
    const at = request.at ?? this.clock.now();
    const to = toE164(request.to) ?? request.to;
    const businessId = request.businessId ?? null;
    const facts = await loadComplianceFacts(this.db.manager, to, businessId, at, businessId ? memberUserId : null);
    if (businessId && (!facts.businessFound || facts.isMember === false)) throw new NotFound('No such business');
    return { ...evaluate(this.engineInput({ ...request, to }, at, facts)), evaluatedAt: at };
  }

  /**
   * Links an allowing decision to the call placed on it (the evidence chain: consent → decision →
   * call). Idempotent for the same call; refuses a decision that did not allow a call, or one
   * already linked to another call.
   */
  async linkDecisionToCall(decisionId: string, callId: string, manager: EntityManager = this.db.manager): Promise<void> {
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE compliance_decisions SET call_id = $2, outcome = 'call_placed'
        WHERE id = $1 AND decision = 'allow' AND (call_id IS NULL OR call_id = $2) RETURNING id`,
      [decisionId, callId],
    );
    if (rows.length === 0) throw new DecisionNotLinkable(`decision ${decisionId} did not allow a call, or is linked to another call`);
  }

  async findDecision(decisionId: string, manager: EntityManager = this.db.manager): Promise<ComplianceDecisionRecord | null> {
    return manager.getRepository(ComplianceDecisionRecord).findOne({ where: { id: decisionId } });
  }

  /** The newest re-check of a deferred decision, if one was made. */
  async successorOf(decisionId: string): Promise<ComplianceDecisionRecord | null> {
    return this.db.getRepository(ComplianceDecisionRecord).findOne({ where: { previousDecisionId: decisionId }, order: { evaluatedAt: 'DESC' } });
  }

  async markOutcome(decisionId: string, outcome: DecisionOutcome, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(`UPDATE compliance_decisions SET outcome = $2 WHERE id = $1`, [decisionId, outcome]);
  }

  /**
   * A delayed job at nextAllowedAt that checks the call again. Keyed by owner and time, so the same
   * deferral asked twice is one job. Past MAX_DEFERRALS the call is abandoned, loudly.
   */
  async scheduleDeferral(decisionId: string, owner: DeferralOwner, nextAllowedAt: Date, deferrals: number, manager: EntityManager = this.db.manager): Promise<string | null> {
    if (deferrals >= MAX_DEFERRALS) {
      await this.markOutcome(decisionId, 'abandoned', manager);
      return null;
    }
    const jobId = deferredCallJobId(owner, nextAllowedAt, deferrals);
    const delayMs = Math.max(0, nextAllowedAt.getTime() - this.clock.now().getTime());
    await this.jobs.enqueue(JobName.DeferredCall, { decisionId, deferrals }, { jobId, delayMs });
    await manager.query(`UPDATE compliance_decisions SET deferred_job_id = $2, outcome = 'deferred' WHERE id = $1`, [decisionId, jobId]);
    return jobId;
  }

  private engineInput(request: Omit<DryRunRequest, 'at'> & { leadId?: string | null; trialId?: string | null }, at: Date, facts: ComplianceFacts): EvaluationInput {
    return {
      to: request.to,
      purpose: request.purpose,
      at,
      subject: request.subject ?? request.leadId ?? request.trialId ?? undefined,
      business: facts.business,
      lead: request.address && (request.address.state || request.address.zip) ? request.address : undefined,
      history: facts.history,
      dnc: facts.dnc,
      consent: { present: facts.consent.present, revoked: facts.consent.revoked },
      limits: { providerConcurrency: this.config.env.VAPI_MAX_CONCURRENT_CALLS },
    };
  }

  private async storeDecision(
    m: EntityManager,
    decisionId: string,
    request: CallCheckRequest,
    to: string,
    input: EvaluationInput,
    facts: ComplianceFacts,
    evaluation: Evaluation,
    at: Date,
    previousDecisionId: string | null,
  ): Promise<void> {
    // What the engine saw, so the decision can be explained (and re-run) later.
    const summary = {
      to,
      purpose: input.purpose,
      at: at.toISOString(),
      subject: input.subject ?? null,
      address: input.lead ?? null,
      business: input.business ?? null,
      dnc: input.dnc,
      consent: {
        present: facts.consent.present,
        revoked: facts.consent.revoked,
        lastGrantId: facts.consent.lastGrantId,
        lastGrantAt: facts.consent.lastGrantAt?.toISOString() ?? null,
        lastRevocationAt: facts.consent.lastRevocationAt?.toISOString() ?? null,
      },
      history: {
        callsToNumberLast24h: input.history.callsToNumberLast24h.map((c) => c.at.toISOString()),
        businessCallsLastMinute: input.history.businessCallsLastMinute,
        providerActiveCalls: input.history.providerActiveCalls,
      },
      limits: input.limits ?? null,
      location: evaluation.location,
    };
    await m.query(
      `INSERT INTO compliance_decisions (business_id, trial_id, lead_id, previous_decision_id, phone_e164, purpose, subject, decision, reasons,
         next_allowed_at, recording_disclosure, rules_version, evaluated_at, input_summary, created_at, id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $13, $15)`,
      [
        request.businessId ?? null,
        request.trialId ?? null,
        request.leadId ?? null,
        previousDecisionId,
        to.slice(0, 32),
        request.purpose,
        input.subject ?? null,
        evaluation.decision,
        JSON.stringify(evaluation.reasons),
        evaluation.nextAllowedAt ?? null,
        evaluation.recordingDisclosure,
        evaluation.rulesVersion,
        at,
        JSON.stringify(summary),
        decisionId,
      ],
    );
  }
}
