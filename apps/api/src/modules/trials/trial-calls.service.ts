import { Injectable, Logger } from '@nestjs/common';
import { TRIAL_CALL_CONSENT_TEXT, TRIAL_CALL_CONSENT_VERSION, TRIAL_START_CONSENT_TEXT, TRIAL_START_CONSENT_VERSION, type CallReport, type PlaceTrialCallRequest } from '@beaker/contracts';

type ConsentFrom = NonNullable<PlaceTrialCallRequest['consentFrom']>;
/** The words beside each button that asks for a call, as the person saw them. */
const CONSENTS: Record<ConsentFrom, { text: string; version: string }> = {
  start_form: { text: TRIAL_START_CONSENT_TEXT, version: TRIAL_START_CONSENT_VERSION },
  call_me_now: { text: TRIAL_CALL_CONSENT_TEXT, version: TRIAL_CALL_CONSENT_VERSION },
};
import { Clock } from '../../common/clock';
import { NotFound } from '../../common/errors/common.errors';
import { Database, type Tx } from '../../database/database';
import { isUniqueViolation } from '../../database/pg-errors';
import { isProviderError } from '../../integrations/providers.errors';
import { VoiceAgentPort } from '../../integrations/vapi/vapi.port';
import { type Call, CallMetrics, CallReports, CallsService } from '../calls';
import { type CallCheck, ComplianceService } from '../compliance';
import type { Trial } from './entities/trial.entity';
import { TrialsRepository } from './persistence/trials.repository';
import { TrialAssistants } from './trial-assistants.service';
import { effectiveTrialStatus } from './trial-view';
import { ClientInfo, TrialsService } from './trials.service';
import {
  CallDeferred,
  CallInProgress,
  CallLimitReached,
  NumberBlocked,
  PhoneNotVerified,
  TrialConverted,
  TrialExpired,
} from './trials.errors';

type Reservation = { call: Call; phone: string; assistantId: string; recordingDisclosure: boolean } | { refused: CallCheck };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reason kept on a trial call that never reached the provider (the trial gets the call back). */
export const PLACEMENT_FAILED_REASONS = {
  unavailable: 'beaker-provider-unavailable',
  rejected: 'beaker-provider-rejected',
  error: 'beaker-placement-error',
} as const;

/**
 * "Call me now". Race-safe: the call is counted by one conditional UPDATE (the trial's row lock
 * orders concurrent clicks; the CHECK calls_used <= calls_limit is the last line), a trial has one
 * call at a time (checked under that lock; a unique index is the last line), and compliance is
 * asked in the same transaction, so the consent, the decision and the call commit together.
 * The call is placed with the provider inside the request, right after the commit: the fastest
 * path from the click to the phone ringing (no queue hop). If the provider fails, the call is
 * marked failed and given back to the trial.
 */
@Injectable()
export class TrialCallsService {
  private readonly logger = new Logger(TrialCallsService.name);

  constructor(
    private readonly db: Database,
    private readonly trialRows: TrialsRepository,
    private readonly clock: Clock,
    private readonly trials: TrialsService,
    private readonly assistants: TrialAssistants,
    private readonly calls: CallsService,
    private readonly reports: CallReports,
    private readonly compliance: ComplianceService,
    private readonly voiceAgent: VoiceAgentPort,
    private readonly callMetrics: CallMetrics,
  ) {}

  async placeTrialCall(userId: string, trialId: string, client: ClientInfo, consentFrom: ConsentFrom = 'call_me_now'): Promise<CallReport> {
    if (!UUID.test(trialId)) throw new NotFound('No such trial');
    // The usual case goes straight to the counting UPDATE (every database round trip here is on
    // the path from the click to the ringing phone); anything unusual is sorted out below.
    let reservation = await this.db.transaction((tx) => this.reserve(tx, trialId, userId, client, consentFrom));
    if (reservation === null) {
      const trial = await this.trials.findOwned(userId, trialId);
      const refusal = this.refusalOf(trial, this.clock.now());
      if (refusal) throw refusal;
      // Verified, but the provider failed to create the agent earlier: create it now and count again.
      if (!trial.vapiAssistantId) await this.assistants.ensure(trial);
      reservation = await this.db.transaction((tx) => this.reserve(tx, trialId, userId, client, consentFrom));
      if (reservation === null) {
        const current = await this.trials.findOwned(userId, trialId);
        throw this.refusalOf(current, this.clock.now()) ?? new PhoneNotVerified('The agent for this trial is not ready yet');
      }
    }
    if ('refused' in reservation) throw this.complianceRefusal(reservation.refused);

    const { call } = reservation;
    try {
      const placed = await this.voiceAgent.placeCall({
        assistantId: reservation.assistantId,
        to: reservation.phone,
        metadata: { callId: call.id, trialId, purpose: 'trial_demo' },
        assistantOverrides: { recordingDisclosure: reservation.recordingDisclosure },
      });
      await this.calls.recordProviderIds(call.id, { vapiCallId: placed.id });
      call.vapiCallId = placed.id;
      this.callMetrics.placed('trial');
    } catch (err) {
      await this.giveBack(call, err);
      throw err;
    }
    return this.reports.toReport(call);
  }

  /** Counts the call and creates it, or says why not: null when the trial is not in a state to call (see refusalOf). */
  private async reserve(tx: Tx, trialId: string, userId: string, client: ClientInfo, consentFrom: ConsentFrom): Promise<Reservation | null> {
    const now = this.clock.now();
    const counted = await this.trialRows.countCall(trialId, userId, now, tx);
    if (!counted) return null;
    const { phone, assistantId } = counted;
    // Under the trial's row lock: a click that waited for another one sees the call it created.
    if (await this.calls.hasOpenCallForTrial(trialId, tx)) throw new CallInProgress('Your phone should be ringing already; wait for this call to end');

    const check = await this.compliance.checkBeforeCall(
      {
        to: phone,
        purpose: 'trial_demo',
        trialId,
        subject: trialId,
        // The click is the consent: an express request to be called now, kept word for word.
        consent: {
          method: 'verbal_trial',
          text: CONSENTS[consentFrom].text,
          version: CONSENTS[consentFrom].version,
          capturedAt: now,
          ip: client.ip,
          userAgent: client.userAgent,
          pageUrl: client.pageUrl ?? null,
        },
        // The prospect wants the call now or not at all: a deferral is answered, never scheduled.
      },
      tx,
    );
    if (check.decision !== 'allow') {
      // Not counted; the consent and the decision still commit (they are evidence).
      await this.trialRows.uncountCall(trialId, null, tx);
      return { refused: check };
    }

    let call: Call;
    try {
      call = await this.calls.createCall({ direction: 'outbound_trial', trialId, toE164: phone }, tx);
    } catch (err) {
      if (isUniqueViolation(err, 'calls_one_open_per_trial')) throw new CallInProgress('Your phone should be ringing already; wait for this call to end');
      throw err;
    }
    await this.compliance.linkDecisionToCall(check.decisionId, call.id, tx);
    return { call, phone, assistantId, recordingDisclosure: check.recordingDisclosure };
  }

  /** Why this trial cannot call now, in the order a prospect can act on it; null if it can. */
  private refusalOf(trial: Trial, now: Date): Error | null {
    if (!trial.phoneVerifiedAt) return new PhoneNotVerified('Verify your phone number with the code we text you first');
    if (trial.status === 'converted') return new TrialConverted();
    if (effectiveTrialStatus(trial, now) === 'expired') return new TrialExpired('This trial has ended; go live to keep your agent');
    if (trial.callsUsed >= trial.callsLimit) {
      return new CallLimitReached(`You have used all ${trial.callsLimit} calls of this trial; go live to keep your agent`, { callsLimit: trial.callsLimit });
    }
    return null;
  }

  private complianceRefusal(check: CallCheck): Error {
    const reasons = check.reasons.map((r) => ({ rule: r.rule, detail: r.detail }));
    if (check.decision === 'defer' && check.nextAllowedAt) {
      const retryAfterSeconds = Math.max(1, Math.ceil((check.nextAllowedAt.getTime() - this.clock.now().getTime()) / 1000));
      return new CallDeferred(`The agent cannot call this number right now (${check.reasons[0]?.detail ?? 'a calling limit'}); try again later`, {
        retryAfterSeconds,
        nextAllowedAt: check.nextAllowedAt.toISOString(),
        reasons,
      });
    }
    return new NumberBlocked(check.reasons[0]?.detail ?? 'This number may not be called', { reasons });
  }

  /** The provider never took the call: it failed, and it does not count against the trial. */
  private async giveBack(call: Call, err: unknown): Promise<void> {
    const reason = isProviderError(err)
      ? err.transient
        ? PLACEMENT_FAILED_REASONS.unavailable
        : PLACEMENT_FAILED_REASONS.rejected
      : PLACEMENT_FAILED_REASONS.error;
    this.logger.warn({ callId: call.id, trialId: call.trialId, reason, err: (err as Error).message }, 'trial call not placed; given back to the trial');
    try {
      const change = await this.db.transaction(async (tx) => {
        const failed = await this.calls.fail(tx, call, reason);
        if (failed) await this.trialRows.uncountCall(call.trialId!, this.clock.now(), tx);
        return failed;
      });
      await this.calls.publish(change);
    } catch (cleanup) {
      // Reconciliation fails the call later; the trial keeps one call fewer until support looks.
      this.logger.error({ callId: call.id, err: (cleanup as Error).message }, 'could not give the trial call back');
    }
  }
}
