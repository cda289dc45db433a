import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import type { JobMeta } from '../../common/queue/queue-processor';
import { Database, type Tx } from '../../database/database';
import { isProviderError } from '../../integrations/providers.errors';
import { VoiceAgentPort } from '../../integrations/vapi/vapi.port';
import { BusinessesService, type OutboundCaller } from '../businesses';
import { type Call, CallMetrics, CallsService } from '../calls';
import { type CallCheck, ComplianceService } from '../compliance';
import type { Lead } from './entities/lead.entity';
import { leadCallJobId } from './lead-call-jobs';
import { LeadWebhookEvents } from './lead-webhook-events';
import { LeadsRepository } from './persistence/leads.repository';

/** The reason kept on a lead call that never reached the provider. */
export const LEAD_PLACEMENT_FAILED = 'beaker-provider-unavailable';

/** What one run of the call-lead job did. */
export type LeadCallResult =
  | { outcome: 'placed'; callId: string }
  | { outcome: 'deferred'; until: string }
  | { outcome: 'blocked'; reason: string }
  | { outcome: 'skipped'; why: string };

type Prepared =
  | { placed: { call: Call; caller: OutboundCaller; check: CallCheck; lead: Lead } }
  | { result: LeadCallResult; afterCommit?: () => Promise<unknown>; deferredFor?: string };

/** Accepts a lead's attempt within this much of its due time (a clock a little behind the queue's). */
const EARLY_TOLERANCE_MS = 1000;

/**
 * The call-lead job: one attempt to call a lead, asked of compliance every time (the law may have
 * changed since the lead came in: a DNC entry, an opt-out, the hour).
 *
 * - allow: the call is counted against the plan, created, linked to the decision, and placed with
 *   the business's assistant right after the commit, told the lead's name and request;
 * - defer: the lead waits (deferred) and a job is scheduled at the lawful minute, which asks again;
 * - block: recorded with its reasons, never called.
 *
 * Everything is decided under the lead's row lock, so two runs of one attempt (a retry, the
 * sweeper) cannot both call: the second finds the lead calling and stops.
 */
@Injectable()
export class LeadCallsService {
  private readonly logger = new Logger(LeadCallsService.name);

  constructor(
    private readonly db: Database,
    private readonly leads: LeadsRepository,
    private readonly compliance: ComplianceService,
    private readonly businesses: BusinessesService,
    private readonly calls: CallsService,
    private readonly voiceAgent: VoiceAgentPort,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly webhookEvents: LeadWebhookEvents,
    private readonly callMetrics: CallMetrics,
  ) {}

  async callLead(payload: JobPayloads[JobName.CallLead], meta: JobMeta): Promise<LeadCallResult> {
    const prepared = await this.db.transaction((tx) => this.prepare(tx, payload.leadId, payload.attempt));
    if ('result' in prepared) {
      if (prepared.deferredFor) this.callMetrics.deferred(prepared.deferredFor);
      await prepared.afterCommit?.();
      return prepared.result;
    }
    const { call, caller, check, lead } = prepared.placed;
    try {
      const placed = await this.voiceAgent.placeCall({
        assistantId: caller.assistantId,
        to: lead.phoneE164,
        fromPhoneNumberId: caller.fromPhoneNumberId,
        metadata: { callId: call.id, leadId: lead.id, businessId: lead.businessId, purpose: 'speed_to_lead' },
        assistantOverrides: {
          recordingDisclosure: check.recordingDisclosure,
          firstMessage: leadGreeting(caller.businessName, lead),
          variableValues: { leadName: lead.name ?? '', leadMessage: lead.message ?? '', businessName: caller.businessName },
        },
      });
      await this.calls.recordProviderIds(call.id, { vapiCallId: placed.id });
      await this.leads.markPlaced(call.id, this.clock.now());
      this.callMetrics.placed('lead');
      return { outcome: 'placed', callId: call.id };
    } catch (err) {
      await this.takeBack(lead, call, payload.attempt, err, meta);
      throw err;
    }
  }

  private async prepare(tx: Tx, leadId: string, attempt: number): Promise<Prepared> {
    const now = this.clock.now();
    const lead = await this.leads.lock(leadId, tx);
    if (!lead) return { result: { outcome: 'skipped', why: 'no such lead' } };
    if ((lead.status !== 'new' && lead.status !== 'deferred') || lead.attempts !== attempt - 1 || !lead.autoCall) {
      return { result: { outcome: 'skipped', why: `lead is ${lead.status} after ${lead.attempts} attempts` } };
    }
    if (!lead.nextAttemptAt) return { result: { outcome: 'skipped', why: 'no attempt is due' } };
    if (lead.nextAttemptAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) {
      // Early (the queue's clock ahead of ours, or a job promoted by hand): never called before it is due,
      // and asked again then (a job of its own: this one's id is taken until it is removed).
      const at = lead.nextAttemptAt;
      return {
        result: { outcome: 'skipped', why: `due at ${at.toISOString()}` },
        afterCommit: () => this.schedule(lead.id, attempt, lead.deferredByDecisionId, at, `early-${now.getTime()}`),
      };
    }

    const check = await this.compliance.checkBeforeCall(
      { to: lead.phoneE164, purpose: 'speed_to_lead', businessId: lead.businessId, leadId: lead.id, subject: lead.id },
      tx,
      lead.deferredByDecisionId ? { previousDecisionId: lead.deferredByDecisionId } : undefined,
    );
    const timeZone = check.location.timezones.length > 0 ? check.location.timezones[0] : lead.timeZone;
    // What follows happened after the decision: its time orders the timeline after it.
    const decidedAt = this.clock.now();

    if (check.decision === 'defer' && check.nextAllowedAt) {
      const until = check.nextAllowedAt;
      const reason = check.reasons[0]?.rule ?? 'deferred';
      await this.leads.setState(lead.id, { status: 'deferred', statusReason: reason, nextAttemptAt: until, deferredByDecisionId: check.decisionId, timeZone }, decidedAt, tx);
      await this.leads.insertEvent({ leadId: lead.id, kind: 'status', status: 'deferred', reason, detail: { attempt, until: until.toISOString() }, at: decidedAt }, tx);
      await this.webhookEvents.statusChanged(tx, lead, 'deferred', reason, { attempt, nextAttemptAt: until.toISOString() }, decidedAt);
      await this.compliance.markOutcome(check.decisionId, 'deferred', tx);
      return {
        result: { outcome: 'deferred', until: until.toISOString() },
        afterCommit: () => this.schedule(lead.id, attempt, check.decisionId, until),
        deferredFor: reason,
      };
    }
    if (check.decision !== 'allow') {
      const reason = check.reasons[0]?.rule ?? 'blocked';
      await this.block(tx, lead, reason, attempt, decidedAt);
      return { result: { outcome: 'blocked', reason } };
    }

    const taken = await this.businesses.takeOutboundCall(lead.businessId, tx);
    if ('blocked' in taken) {
      await this.compliance.markOutcome(check.decisionId, 'owner_declined', tx);
      await this.block(tx, lead, taken.blocked, attempt, decidedAt);
      const notify =
        taken.blocked === 'plan.limit_reached'
          ? () => this.jobs.enqueue(JobName.NotifyLeadOwners, { leadId: lead.id, reason: 'plan_limit' }, { jobId: `lead-notify-${lead.id}-plan_limit` })
          : undefined;
      return { result: { outcome: 'blocked', reason: taken.blocked }, afterCommit: notify };
    }

    const call = await this.calls.createCall({ direction: 'outbound_lead', businessId: lead.businessId, toE164: lead.phoneE164, fromE164: taken.caller.fromE164 }, tx);
    await this.compliance.linkDecisionToCall(check.decisionId, call.id, tx);
    await this.leads.insertCall({ leadId: lead.id, attempt, callId: call.id, decisionId: check.decisionId, at: decidedAt }, tx);
    await this.leads.setState(
      lead.id,
      { status: 'calling', statusReason: null, nextAttemptAt: null, deferredByDecisionId: null, attempts: attempt, firstAttemptAt: decidedAt, timeZone },
      decidedAt,
      tx,
    );
    await this.leads.insertEvent({ leadId: lead.id, kind: 'status', status: 'calling', reason: null, detail: { attempt, callId: call.id }, at: decidedAt }, tx);
    return { placed: { call, caller: taken.caller, check, lead } };
  }

  private async block(tx: Tx, lead: Lead, reason: string, attempt: number, now: Date): Promise<void> {
    await this.leads.setState(lead.id, { status: 'blocked', statusReason: reason, nextAttemptAt: null, deferredByDecisionId: null }, now, tx);
    await this.leads.insertEvent({ leadId: lead.id, kind: 'status', status: 'blocked', reason, detail: { attempt }, at: now }, tx);
    await this.webhookEvents.statusChanged(tx, lead, 'blocked', reason, { attempt }, now);
  }

  /** The delayed job of an attempt at `at` (a deferral's re-check, or a retry). */
  async schedule(leadId: string, attempt: number, deferredByDecisionId: string | null, at: Date, suffix?: string): Promise<void> {
    const delayMs = Math.max(0, at.getTime() - this.clock.now().getTime());
    const jobId = leadCallJobId(leadId, attempt, deferredByDecisionId);
    try {
      await this.jobs.enqueue(JobName.CallLead, { leadId, attempt }, { jobId: suffix ? `${jobId}-${suffix}` : jobId, delayMs });
    } catch (err) {
      // The lead says when it is due; the sweeper schedules it if this job is missing.
      this.logger.warn({ leadId, attempt, err: (err as Error).message }, 'lead call not scheduled; the sweeper will');
    }
  }

  /**
   * The provider did not take the call: the call fails, the plan gets it back, and the attempt is
   * undone (the lead is due again now), so the job's retry tries again; after the last try the lead
   * fails with the reason.
   */
  private async takeBack(lead: Lead, call: Call, attempt: number, err: unknown, meta: JobMeta): Promise<void> {
    const lastTry = meta.attemptsMade + 1 >= meta.maxAttempts || (isProviderError(err) && !err.transient);
    this.logger.warn({ leadId: lead.id, callId: call.id, attempt, lastTry, err: (err as Error).message }, 'lead call not placed');
    try {
      const change = await this.db.transaction(async (tx) => {
        const now = this.clock.now();
        // Before the call fails: the listener then finds no open attempt of this call to act on.
        await this.leads.deleteCall(call.id, tx);
        await this.businesses.giveBackCall(lead.businessId, tx);
        const locked = await this.calls.lockCall(tx, { callId: call.id });
        const failed = locked ? await this.calls.fail(tx, locked, LEAD_PLACEMENT_FAILED) : null;
        if (lastTry) {
          await this.leads.setState(lead.id, { status: 'failed', statusReason: 'provider.unavailable', nextAttemptAt: null, attempts: attempt - 1 }, now, tx);
          await this.leads.insertEvent({ leadId: lead.id, kind: 'status', status: 'failed', reason: 'provider.unavailable', detail: { attempt }, at: now }, tx);
        } else {
          await this.leads.setState(lead.id, { status: lead.status, statusReason: lead.statusReason, nextAttemptAt: now, attempts: attempt - 1 }, now, tx);
        }
        return failed;
      });
      await this.calls.publish(change);
    } catch (cleanup) {
      // Reconciliation fails the call later, and the call-ended listener moves the lead on.
      this.logger.error({ leadId: lead.id, callId: call.id, err: (cleanup as Error).message }, 'could not take the lead call back');
    }
  }
}

/** The agent's first sentence to a lead: who it is (an AI, for the business) and why it calls. */
export function leadGreeting(businessName: string, lead: Pick<Lead, 'name' | 'message'>): string {
  const first = lead.name?.trim().split(/\s+/)[0];
  const hello = first ? `Hi ${first}` : 'Hi there';
  const about = lead.message?.trim() ? ` about your request: ${clip(lead.message.trim(), 120)}` : ' about the request you just sent us';
  return `${hello}, this is the AI assistant of ${businessName}, calling you back${about}. Is now a good time?`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
