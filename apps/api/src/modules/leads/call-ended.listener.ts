import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { Database, type Tx } from '../../database/database';
import { CallEndedListener, type EndedCall } from '../calls';
import { DoNotCallService } from '../compliance';
import { LeadCaptureService } from './lead-capture.service';
import { attemptOutcome, MAX_LEAD_ATTEMPTS, nextAttemptAt } from './lead-attempts';
import { leadCallJobId } from './lead-call-jobs';
import { LeadWebhookEvents } from './lead-webhook-events';
import type { Lead } from './entities/lead.entity';
import { LeadsRepository } from './persistence/leads.repository';

/**
 * What the end of a call means for leads, in the transaction that ended it (once per call):
 *
 * - a call made to a lead: answered → called; no answer, busy or voicemail → the next attempt
 *   (10 minutes later, then the next day at the same local time; each one asks compliance again),
 *   or failed after the third; any other failure → failed;
 * - an inbound call to a business that the agent answered → a lead (source inbound_call), and the
 *   owners are told.
 */
@Injectable()
export class LeadsCallEndedListener extends CallEndedListener {
  private readonly logger = new Logger('LeadsCallEnded');

  constructor(
    private readonly db: Database,
    private readonly leads: LeadsRepository,
    private readonly capture: LeadCaptureService,
    private readonly jobs: JobsService,
    private readonly dnc: DoNotCallService,
    private readonly clock: Clock,
    private readonly webhookEvents: LeadWebhookEvents,
  ) {
    super();
  }

  async callEnded(ended: EndedCall, tx: Tx): Promise<void> {
    const { call } = ended;
    if (call.direction === 'outbound_lead') return this.attemptEnded(ended, tx);
    if (call.direction === 'inbound' && call.businessId && call.status === 'completed') return this.inboundEnded(ended, tx);
  }

  private async attemptEnded({ call, endedAt }: EndedCall, tx: Tx): Promise<void> {
    const attempt = await this.leads.lockOpenAttemptOf(call.id, tx);
    if (!attempt) return;
    const lead = await this.leads.lock(attempt.leadId, tx);
    if (!lead) return;
    const now = this.clock.now();
    const outcome = attemptOutcome(call);
    await this.leads.setCallOutcome(call.id, outcome, endedAt, tx);

    if (outcome === 'answered') {
      await this.moveTo(tx, lead, 'called', null, null, { attempt: attempt.attempt, callId: call.id }, now);
      return;
    }
    if (outcome === 'failed') {
      await this.moveTo(tx, lead, 'failed', call.endedReason ?? 'call.failed', null, { attempt: attempt.attempt, callId: call.id }, now);
      return;
    }
    const next = nextAttemptAt(attempt.attempt, { endedAt, firstAttemptAt: lead.firstAttemptAt ?? attempt.createdAt, timeZone: lead.timeZone, now });
    if (!next) {
      await this.moveTo(tx, lead, 'failed', 'no_answer', null, { attempt: attempt.attempt, callId: call.id, attempts: MAX_LEAD_ATTEMPTS }, now);
      return;
    }
    await this.moveTo(tx, lead, 'deferred', 'no_answer', next, { attempt: attempt.attempt, callId: call.id, nextAttempt: attempt.attempt + 1 }, now);
    const leadId = lead.id;
    const nextAttempt = attempt.attempt + 1;
    // Scheduled when the transaction ends; the job checks the lead under its lock, so a rollback leaves it nothing to do.
    this.db.whenTransactionEnds(tx, () => {
      const delayMs = Math.max(0, next.getTime() - this.clock.now().getTime());
      this.jobs.enqueue(JobName.CallLead, { leadId, attempt: nextAttempt }, { jobId: leadCallJobId(leadId, nextAttempt, null), delayMs }).catch((err: Error) => {
        this.logger.warn({ leadId, attempt: nextAttempt, err: err.message }, 'retry not scheduled; the sweeper will');
      });
    });
  }

  private async moveTo(tx: Tx, lead: Lead, status: 'called' | 'failed' | 'deferred', reason: string | null, next: Date | null, detail: Record<string, unknown>, now: Date): Promise<void> {
    const leadId = lead.id;
    await this.webhookEvents.statusChanged(tx, lead, status, reason, next ? { ...detail, nextAttemptAt: next.toISOString() } : detail, now);
    await this.leads.setState(leadId, { status, statusReason: reason, nextAttemptAt: next, deferredByDecisionId: null }, now, tx);
    await this.leads.insertEvent({ leadId, kind: 'status', status, reason, detail: next ? { ...detail, until: next.toISOString() } : detail, at: now }, tx);
  }

  /** A caller the agent spoke with is a lead of the business, once per call. */
  private async inboundEnded({ call, extractedLead, summary }: EndedCall, tx: Tx): Promise<void> {
    const phone = call.fromE164;
    if (!phone) return;
    if (await this.leads.findByInboundCall(call.id, tx)) return;
    // A caller the business listed as do-not-call was turned away by the agent: no lead of it.
    if (await this.dnc.isListedByBusiness(call.businessId!, phone, tx)) return;
    const captured = await this.capture.capture(
      {
        businessId: call.businessId!,
        source: 'inbound_call',
        inboundCallId: call.id,
        phoneE164: phone,
        name: extractedLead?.name?.trim() || null,
        email: extractedLead?.email?.trim() || null,
        message: extractedLead?.intent?.trim() || summary?.trim() || null,
        autoCall: false,
        consent: null,
        payload: { callId: call.id },
        client: { ip: null, userAgent: null, pageUrl: null },
      },
      tx,
    );
    this.db.whenTransactionEnds(tx, () => void this.capture.afterCommit(captured));
  }
}
