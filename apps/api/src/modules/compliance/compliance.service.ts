import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CallPurpose, ComplianceReason } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { NotFound } from '../../common/errors/common.errors';
import { Database, type Tx } from '../../database/database';
import { DecisionNotLinkable } from './compliance.errors';
import { ConsentEvidence, ConsentLedgerService } from './consent-ledger.service';
import { Evaluation, EvaluationInput, evaluate, LeadAddress } from './engine';
import { ComplianceDecisionRecord, DecisionOutcome } from './entities/compliance-decision.entity';
import { ComplianceFacts, ComplianceFactsReadModel } from './persistence/compliance-facts.read-model';
import { DecisionsRepository } from './persistence/decisions.repository';
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

/** A re-check of a deferred call: the decision it follows, so the chain can be read back. */
export interface CheckChain {
  previousDecisionId: string;
}

/**
 * "May we call this number now?" — before EVERY outbound call. Gathers the facts (DNC lists,
 * consent, call history, business settings) in one round trip, asks the pure engine, and logs
 * the decision. See README.md in this folder.
 */
@Injectable()
export class ComplianceService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionsRepository,
    private readonly facts: ComplianceFactsReadModel,
    private readonly clock: Clock,
    private readonly ledger: ConsentLedgerService,
    private readonly slots: ProviderCallSlots,
    private readonly config: AppConfig,
  ) {}

  /**
   * Checks a call and stores the decision. Pass `tx` to run inside your transaction (the
   * per-number lock and the provider slot are then held until you commit); otherwise the check
   * runs in its own. Place the call only on `allow`, then `linkDecisionToCall`. On defer, the
   * owner of the call checks again at nextAllowedAt, passing `chain` to link the two decisions.
   */
  async checkBeforeCall(request: CallCheckRequest, tx?: Tx, chain?: CheckChain): Promise<CallCheck> {
    const at = this.clock.now();
    const e164 = toE164(request.to);
    const to = e164 ?? request.to;
    const numberValid = e164 !== null;
    const businessId = request.businessId ?? null;

    const work = async (t: Tx) => {
      // Per number (the 24 h caps) and per business (its per-minute cap), so that two concurrent
      // checks cannot both take the last slot of those caps; number first, business second (a fixed
      // order: no deadlock). A call without a business (a trial demo) takes no second lock: the
      // provider's concurrency, which spans every business, is kept by the slot reservation.
      await this.decisions.lockNumberAndBusiness(to, businessId, t);
      // A provider slot, reserved before the facts are read (see ProviderCallSlots), and after the
      // locks: a check queued behind another one to the same number holds no slot while it waits.
      const decisionId = randomUUID();
      const inFlight = await this.slots.reserve(decisionId);
      let evaluation: Evaluation | undefined;
      try {
        if (request.consent && numberValid) {
          await this.ledger.recordConsent(
            { ...request.consent, phone: to, purpose: request.purpose, businessId, trialId: request.trialId, leadId: request.leadId },
            t,
          );
        }
        // The decisions in flight are left out of the database's count, and counted here.
        const facts = await this.facts.load(to, businessId, at, null, inFlight, t);
        if (businessId && !facts.businessFound) throw new NotFound('No such business');
        facts.history.providerActiveCalls += inFlight.length;
        const input = this.engineInput({ ...request, to }, at, facts);
        evaluation = evaluate(input);
        await this.storeDecision(t, decisionId, request, to, input, facts, evaluation, at, chain?.previousDecisionId ?? null);
        return { evaluation, decisionId };
      } finally {
        // An allowed decision holds its slot until the other checks can see it (the commit);
        // anything else gives it back now.
        if (evaluation?.decision === 'allow') this.slots.releaseWhenTransactionEnds(t, decisionId);
        else void this.slots.release(decisionId);
      }
    };
    const { evaluation, decisionId } = tx ? await work(tx) : await this.db.transaction(work);
    return {
      decision: evaluation.decision,
      reasons: evaluation.reasons,
      nextAllowedAt: evaluation.nextAllowedAt ?? null,
      recordingDisclosure: evaluation.recordingDisclosure,
      rulesVersion: evaluation.rulesVersion,
      decisionId,
      location: evaluation.location,
    };
  }

  /**
   * The evaluation as it would be now (or at `at`); nothing is stored, nothing scheduled. With
   * `memberUserId`, 404 unless that user is a member of the business (checked in the same query).
   * `viewer: 'business'` (members and API keys) reads only what is the business's own (FactsScope):
   * the answer then says nothing about other businesses' calls to the number or opt-outs from
   * Beaker's trials, and the check before a real call may still defer or block.
   */
  async evaluateDryRun(request: DryRunRequest, memberUserId: string | null = null, viewer: 'staff' | 'business' = 'business'): Promise<Evaluation & { evaluatedAt: Date }> {
    const at = request.at ?? this.clock.now();
    const to = toE164(request.to) ?? request.to;
    const businessId = request.businessId ?? null;
    const scope = viewer === 'staff' || !businessId ? 'all' : 'business';
    const facts = await this.facts.load(to, businessId, at, businessId ? memberUserId : null, [], undefined, scope);
    if (businessId && (!facts.businessFound || facts.isMember === false)) throw new NotFound('No such business');
    return { ...evaluate(this.engineInput({ ...request, to }, at, facts)), evaluatedAt: at };
  }

  /**
   * Links an allowing decision to the call placed on it (the evidence chain: consent → decision →
   * call). Idempotent for the same call; refuses a decision that did not allow a call, or one
   * already linked to another call.
   */
  async linkDecisionToCall(decisionId: string, callId: string, tx?: Tx): Promise<void> {
    if (!(await this.decisions.linkToCall(decisionId, callId, tx))) {
      throw new DecisionNotLinkable(`decision ${decisionId} did not allow a call, or is linked to another call`);
    }
  }

  findDecision(decisionId: string, tx?: Tx): Promise<ComplianceDecisionRecord | null> {
    return this.decisions.find(decisionId, tx);
  }

  /** Every decision made for a lead, oldest first (its timeline and its consent certificate). */
  decisionsForLead(leadId: string): Promise<ComplianceDecisionRecord[]> {
    return this.decisions.forLead(leadId);
  }

  /** The newest re-check of a deferred decision, if one was made. */
  successorOf(decisionId: string): Promise<ComplianceDecisionRecord | null> {
    return this.decisions.successorOf(decisionId);
  }

  markOutcome(decisionId: string, outcome: DecisionOutcome, tx?: Tx): Promise<void> {
    return this.decisions.setOutcome(decisionId, outcome, tx);
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
    tx: Tx,
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
    await this.decisions.insert(
      {
        id: decisionId,
        businessId: request.businessId ?? null,
        trialId: request.trialId ?? null,
        leadId: request.leadId ?? null,
        previousDecisionId,
        phone: to.slice(0, 32),
        purpose: request.purpose,
        subject: input.subject ?? null,
        decision: evaluation.decision,
        reasonsJson: JSON.stringify(evaluation.reasons),
        nextAllowedAt: evaluation.nextAllowedAt ?? null,
        recordingDisclosure: evaluation.recordingDisclosure,
        rulesVersion: evaluation.rulesVersion,
        evaluatedAt: at,
        inputSummaryJson: JSON.stringify(summary),
      },
      tx,
    );
  }
}
