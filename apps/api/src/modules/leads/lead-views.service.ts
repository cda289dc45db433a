import { Injectable } from '@nestjs/common';
import type { ConsentCertificate, Lead as LeadView, LeadCallView, LeadStatus, LeadSummary, LeadTimelineEntry, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import type { SearchTerms, StaffSearchMatch } from '../../common/staff-search/search-terms';
import { NotFound } from '../../common/errors/common.errors';
import { decodeCursor, encodeCursor, DEFAULT_PAGE_SIZE } from '../../common/http/pagination';
import type { Tx } from '../../database/database';
import { type Actor, MembershipService } from '../auth';
import { BusinessesService } from '../businesses';
import { type Call, CallsService } from '../calls';
import { type ComplianceDecisionRecord, ComplianceService, ConsentLedgerService } from '../compliance';
import { evidenceSha256 } from './consent-evidence';
import type { LeadCall } from './entities/lead-call.entity';
import type { Lead } from './entities/lead.entity';
import { LeadFormsRepository } from './persistence/lead-forms.repository';
import { LeadsRepository } from './persistence/leads.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LeadListQuery {
  status?: LeadStatus;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit?: number;
}

function callView(lc: LeadCall, call: Call | undefined): LeadCallView {
  return {
    callId: lc.callId,
    attempt: lc.attempt,
    status: call?.status ?? 'initiated',
    direction: call?.direction ?? 'outbound_lead',
    endedReason: call?.endedReason ?? null,
    summary: call?.summary ?? null,
    durationSeconds: call?.durationSeconds ?? null,
    createdAt: lc.createdAt.toISOString(),
  };
}

const decisionEntry = (d: ComplianceDecisionRecord): LeadTimelineEntry => ({
  at: d.evaluatedAt.toISOString(),
  kind: 'decision',
  decisionId: d.id,
  decision: d.decision,
  reasons: d.reasons.map((r) => ({ rule: r.rule, detail: r.detail })),
  nextAllowedAt: d.nextAllowedAt?.toISOString() ?? null,
});

/** A lead as its business sees it: status, calls, the timeline; the list; the consent certificate. */
@Injectable()
export class LeadViewsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly forms: LeadFormsRepository,
    private readonly calls: CallsService,
    private readonly compliance: ComplianceService,
    private readonly ledger: ConsentLedgerService,
    private readonly businesses: BusinessesService,
    private readonly membership: MembershipService,
    private readonly clock: Clock,
  ) {}

  /** The lead if the actor may see it: the business's members and API keys, staff; anyone else gets 404. */
  /** Staff search (GET /v1/admin/search): leads by id, phone number or email. */
  async searchForStaff(terms: SearchTerms): Promise<StaffSearchMatch[]> {
    const rows = await this.leads.staffSearch(terms);
    return rows.map((l) => ({
      kind: 'lead' as const,
      id: l.id,
      title: l.name ? `${l.name} (${l.phone_e164})` : l.phone_e164,
      subtitle: [l.email, l.status, l.source, l.created_at.toISOString()].filter(Boolean).join(' · '),
      url: `/admin/leads/${l.id}`,
      rank: l.rank,
    }));
  }

  async leadForActor(actor: Actor, leadId: string): Promise<Lead> {
    const lead = await this.leadOf(null, leadId);
    const visible =
      actor.kind === 'api_key'
        ? actor.businessId === lead.businessId
        : actor.user.role === 'admin' || (await this.membership.roleIn(lead.businessId, actor.user.id)) !== null;
    if (!visible) throw new NotFound('No such lead');
    return lead;
  }

  /** The lead of a business (404 for another business's, or none). */
  async leadOf(businessId: string | null, leadId: string, tx?: Tx): Promise<Lead> {
    const lead = UUID.test(leadId) ? await this.leads.find(leadId, tx) : null;
    if (!lead || (businessId !== null && lead.businessId !== businessId)) throw new NotFound('No such lead');
    return lead;
  }

  /** GET /v1/leads/:id — and what POST /v1/leads answers (pass its transaction). */
  async view(lead: Lead, tx?: Tx): Promise<LeadView> {
    // One statement at a time: inside a transaction they share its connection.
    const submissions = await this.leads.submissionsOf(lead.id, tx);
    const events = await this.leads.eventsOf(lead.id, tx);
    const leadCalls = await this.leads.callsOf(lead.id, tx);
    // A lead being created (inside its transaction) has no decision yet.
    const decisions = tx ? [] : await this.compliance.decisionsForLead(lead.id);
    const calls = new Map((await this.calls.findByIds(leadCalls.map((c) => c.callId).concat(lead.inboundCallId ?? []))).map((c) => [c.id, c]));
    const callViews = leadCalls.map((lc) => callView(lc, calls.get(lc.callId)));
    const timeline: LeadTimelineEntry[] = [
      ...submissions.map((s): LeadTimelineEntry => ({ at: s.submittedAt.toISOString(), kind: 'submission', source: s.source, formId: s.formId, pageUrl: s.pageUrl })),
      ...(lead.consentRecordId && lead.consentEvidence
        ? [{ at: lead.consentEvidence.capturedAt, kind: 'consent', consentId: lead.consentRecordId, method: lead.consentEvidence.method, version: lead.consentEvidence.consentVersion } as LeadTimelineEntry]
        : []),
      ...decisions.map(decisionEntry),
      ...callViews.map((c): LeadTimelineEntry => ({ at: c.createdAt, kind: 'call', callId: c.callId, attempt: c.attempt, status: c.status, endedReason: c.endedReason })),
      ...events.map((e): LeadTimelineEntry =>
        e.kind === 'notified'
          ? { at: e.at.toISOString(), kind: 'notified', recipients: Number(e.detail.recipients ?? 0) }
          : { at: e.at.toISOString(), kind: 'status', status: e.status!, reason: e.reason },
      ),
    ].sort((a, b) => a.at.localeCompare(b.at));
    // What the agent learnt: from the last call that reached the lead (or the inbound call it came from).
    const answered = [...leadCalls].reverse().map((lc) => calls.get(lc.callId)).find((c) => c?.extractedLead);
    const source = answered ?? (lead.inboundCallId ? calls.get(lead.inboundCallId) : undefined);
    const extracted = source?.extractedLead
      ? { name: source.extractedLead.name ?? null, intent: source.extractedLead.intent ?? null, urgency: source.extractedLead.urgency ?? null }
      : null;
    return {
      id: lead.id,
      businessId: lead.businessId,
      formId: lead.formId,
      source: lead.source,
      sourceDetail: lead.sourceDetail,
      status: lead.status,
      statusReason: lead.statusReason,
      phone: lead.phoneE164,
      name: lead.name,
      email: lead.email,
      message: lead.message,
      fields: lead.fields,
      nextAttemptAt: lead.nextAttemptAt?.toISOString() ?? null,
      attempts: lead.attempts,
      extracted,
      calls: callViews,
      timeline,
      createdAt: lead.createdAt.toISOString(),
      updatedAt: lead.updatedAt.toISOString(),
    };
  }

  async list(businessId: string, query: LeadListQuery): Promise<Page<LeadSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.leads.list(businessId, { status: query.status, from: query.from, to: query.to, cursor, limit });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        id: r.id,
        source: r.source,
        status: r.status,
        statusReason: r.status_reason,
        phone: r.phone_e164,
        name: r.name,
        message: r.message,
        nextAttemptAt: r.next_attempt_at?.toISOString() ?? null,
        attempts: r.attempts,
        createdAt: r.created_at.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
    };
  }

  /** Leads created in [from, to) by status (the overview's tile); no `to`: up to now, included. */
  async counts(businessId: string, from: Date, to: Date | null): Promise<{ total: number; byStatus: Record<LeadStatus, number> }> {
    const byStatus: Record<LeadStatus, number> = { new: 0, calling: 0, called: 0, deferred: 0, blocked: 0, failed: 0 };
    for (const row of await this.leads.countByStatus(businessId, from, to)) byStatus[row.status] = row.count;
    return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
  }

  /** GET /v1/leads/:id/consent: the evidence as captured, whether it still matches its hash, and what relied on it. */
  async certificate(lead: Lead): Promise<ConsentCertificate> {
    const [leadCalls, decisions, businessName, formNames] = await Promise.all([
      this.leads.callsOf(lead.id),
      this.compliance.decisionsForLead(lead.id),
      this.businesses.nameOf(lead.businessId),
      this.forms.namesOf(lead.formId ? [lead.formId] : []),
    ]);
    const calls = new Map((await this.calls.findByIds(leadCalls.map((c) => c.callId))).map((c) => [c.id, c]));
    const evidence = lead.consentEvidence;
    const revocations = evidence ? await this.ledger.revocationsSince(lead.businessId, lead.phoneE164, new Date(evidence.capturedAt)) : [];
    return {
      leadId: lead.id,
      businessId: lead.businessId,
      businessName: businessName ?? '',
      phone: lead.phoneE164,
      evidence: evidence ? { ...evidence, formName: evidence.formId ? (formNames.get(evidence.formId) ?? null) : null } : null,
      evidenceSha256: lead.consentEvidenceSha256,
      evidenceIntact: evidence && lead.consentEvidenceSha256 ? evidenceSha256(evidence) === lead.consentEvidenceSha256 : null,
      decisions: decisions.map((d) => ({
        decisionId: d.id,
        at: d.evaluatedAt.toISOString(),
        decision: d.decision,
        reasons: d.reasons.map((r) => ({ rule: r.rule, detail: r.detail })),
        rulesVersion: d.rulesVersion,
        callId: d.callId,
      })),
      calls: leadCalls.map((lc) => callView(lc, calls.get(lc.callId))),
      revocations: revocations.map((r) => ({ at: r.capturedAt, method: r.method, statement: r.consentText })),
      issuedAt: this.clock.now().toISOString(),
    };
  }
}
