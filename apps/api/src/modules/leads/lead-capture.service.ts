import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { LeadAccepted, LeadSource, LeadStatus } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import type { Tx } from '../../database/database';
import { ConsentLedgerService } from '../compliance';
import { evidenceSha256 } from './consent-evidence';
import type { ConsentEvidence, Lead } from './entities/lead.entity';
import { leadCallJobId } from './lead-call-jobs';
import { LeadWebhookEvents } from './lead-webhook-events';
import { LeadsRepository } from './persistence/leads.repository';

/** A submission of the same number within this long is the same lead. */
export const SAME_LEAD_WINDOW_MS = 10 * 60_000;

/** What a form, the API or an inbound call tells us about someone who wants a call back. */
export interface LeadCapture {
  businessId: string;
  source: LeadSource;
  formId?: string | null;
  /** The integrator's own words for the source. */
  sourceDetail?: string | null;
  inboundCallId?: string | null;
  phoneE164: string;
  name: string | null;
  email: string | null;
  message: string | null;
  fields?: Record<string, string | boolean>;
  /** Call the lead at once when the law allows (a form's auto-call; the API: when consent came with it). */
  autoCall: boolean;
  /** The consent evidence captured with it; null: none (never auto-called). */
  consent: Omit<ConsentEvidence, 'formId'> | null;
  /** What was submitted, as it came (kept with the submission). */
  payload: Record<string, unknown>;
  client: { ip: string | null; userAgent: string | null; pageUrl: string | null };
}

/** What a capture did, and what must happen once it is committed. */
export interface Captured {
  accepted: LeadAccepted;
  leadId: string;
  /** The lead is new (owners are told), or a new submission of a lead captured minutes ago. */
  isNew: boolean;
  /** The call to schedule once committed: the attempt it will be. */
  callAttempt: number | null;
}

/**
 * Turns a submission into a lead, in the caller's transaction: the same number within 10 minutes
 * adds a submission to the same lead (never a second call); a new lead gets its consent recorded
 * in the compliance module's ledger and its evidence hashed, and is due to be called at once when
 * it may be. Call `afterCommit` with the result once the transaction committed.
 */
@Injectable()
export class LeadCaptureService {
  private readonly logger = new Logger(LeadCaptureService.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly ledger: ConsentLedgerService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly webhookEvents: LeadWebhookEvents,
  ) {}

  async capture(c: LeadCapture, tx: Tx): Promise<Captured> {
    const now = this.clock.now();
    await this.leads.lockPhone(c.businessId, c.phoneE164, tx);
    const recent = c.source === 'inbound_call' ? null : await this.leads.lockRecentByPhone(c.businessId, c.phoneE164, new Date(now.getTime() - SAME_LEAD_WINDOW_MS), tx);
    if (recent) return this.again(recent, c, now, tx);

    const leadId = randomUUID();
    const consent = c.consent ? await this.recordConsent(leadId, c, tx) : null;
    const { status, statusReason, callable } = this.firstState(c, consent !== null);
    await this.leads.insert(
      {
        id: leadId,
        businessId: c.businessId,
        formId: c.formId ?? null,
        source: c.source,
        sourceDetail: c.sourceDetail ?? null,
        inboundCallId: c.inboundCallId ?? null,
        phoneE164: c.phoneE164,
        name: c.name,
        email: c.email,
        message: c.message,
        fields: c.fields ?? {},
        status,
        statusReason,
        autoCall: c.autoCall,
        consentRecordId: consent?.recordId ?? null,
        consentEvidence: consent?.evidence ?? null,
        consentEvidenceSha256: consent?.sha256 ?? null,
        nextAttemptAt: callable ? now : null,
        submittedAt: now,
      },
      tx,
    );
    await this.leads.insertSubmission(this.submissionOf(leadId, c, now), tx);
    await this.leads.insertEvent({ leadId, kind: 'status', status, reason: statusReason, at: now }, tx);
    const facts = { id: leadId, businessId: c.businessId, source: c.source, sourceDetail: c.sourceDetail ?? null, formId: c.formId ?? null, phoneE164: c.phoneE164, name: c.name, email: c.email, message: c.message };
    await this.webhookEvents.created(tx, facts, { status, statusReason }, now);
    return { accepted: { leadId, duplicate: false }, leadId, isNew: true, callAttempt: callable ? 1 : null };
  }

  /**
   * Where a new lead starts: due for a call (new) when it may be called and should be; kept without
   * a call when auto-call is off (new, auto_call.off) or consent is missing (blocked,
   * consent.missing); a lead from an inbound call has spoken with the agent already (called).
   */
  private firstState(c: LeadCapture, hasConsent: boolean): { status: LeadStatus; statusReason: string | null; callable: boolean } {
    if (c.source === 'inbound_call') return { status: 'called', statusReason: 'inbound_call', callable: false };
    if (!c.autoCall) return { status: 'new', statusReason: 'auto_call.off', callable: false };
    if (!hasConsent) return { status: 'blocked', statusReason: 'consent.missing', callable: false };
    return { status: 'new', statusReason: null, callable: true };
  }

  /** Once the capture committed: the call (when due) and the owners' email, as jobs. */
  async afterCommit(captured: Captured): Promise<void> {
    try {
      if (captured.callAttempt !== null) {
        await this.jobs.enqueue(JobName.CallLead, { leadId: captured.leadId, attempt: captured.callAttempt }, { jobId: leadCallJobId(captured.leadId, captured.callAttempt, null) });
      }
      if (captured.isNew) await this.jobs.enqueue(JobName.NotifyLeadOwners, { leadId: captured.leadId, reason: 'new_lead' }, { jobId: `lead-notify-${captured.leadId}-new_lead` });
    } catch (err) {
      // The lead is saved and due: the sweeper schedules its call within a minute. Owners may miss the email.
      this.logger.warn({ leadId: captured.leadId, err: (err as Error).message }, 'lead jobs not enqueued; the sweeper will pick the call up');
    }
  }

  /** The same number again within 10 minutes: a submission of the same lead, and consent if it had none. */
  private async again(lead: Lead, c: LeadCapture, now: Date, tx: Tx): Promise<Captured> {
    await this.leads.insertSubmission(this.submissionOf(lead.id, c, now), tx);
    await this.leads.touchSubmission(lead.id, now, tx);
    let callAttempt: number | null = null;
    if (!lead.consentRecordId && c.consent) {
      const consent = await this.recordConsent(lead.id, c, tx);
      await this.leads.attachConsent(lead.id, consent, tx);
      // Kept without consent a moment ago; now it has it: called as a new lead would be.
      if (lead.status === 'blocked' && lead.statusReason === 'consent.missing' && c.autoCall) {
        await this.leads.setState(lead.id, { status: 'new', statusReason: null, nextAttemptAt: now }, now, tx);
        await this.leads.insertEvent({ leadId: lead.id, kind: 'status', status: 'new', reason: 'consent.received', at: now }, tx);
        callAttempt = lead.attempts + 1;
      }
    }
    return { accepted: { leadId: lead.id, duplicate: true }, leadId: lead.id, isNew: false, callAttempt };
  }

  private async recordConsent(leadId: string, c: LeadCapture, tx: Tx): Promise<{ recordId: string; evidence: ConsentEvidence; sha256: string }> {
    const evidence: ConsentEvidence = { ...c.consent!, formId: c.formId ?? null };
    const record = await this.ledger.recordConsent(
      {
        phone: c.phoneE164,
        purpose: 'speed_to_lead',
        businessId: c.businessId,
        leadId,
        method: evidence.method,
        text: evidence.consentText,
        version: evidence.consentVersion,
        capturedAt: new Date(evidence.capturedAt),
        ip: evidence.ip,
        userAgent: evidence.userAgent,
        pageUrl: evidence.pageUrl,
        formId: evidence.formId,
      },
      tx,
    );
    return { recordId: record.id, evidence, sha256: evidenceSha256(evidence) };
  }

  private submissionOf(leadId: string, c: LeadCapture, now: Date) {
    return { leadId, formId: c.formId ?? null, source: c.source, payload: c.payload, ip: c.client.ip, userAgent: c.client.userAgent, pageUrl: c.client.pageUrl, submittedAt: now };
  }
}
