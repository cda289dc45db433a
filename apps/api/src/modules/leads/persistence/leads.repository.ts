import { Injectable } from '@nestjs/common';
import type { LeadSource, LeadStatus } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';
import { escapeLike, MATCH, type MatchRank, type SearchTerms } from '../../../common/staff-search/search-terms';
import { LeadCall, LeadCallOutcome } from '../entities/lead-call.entity';
import { LeadEvent } from '../entities/lead-event.entity';
import { LeadSubmission } from '../entities/lead-submission.entity';
import { ConsentEvidence, Lead } from '../entities/lead.entity';

/** What the leads of a range add up to (analytics). */
export interface LeadActivityRow {
  captured: number;
  timeToCallP50Ms: number | null;
  timeToCallP90Ms: number | null;
  timeToCallSamples: number;
  deferred: number;
  blocked: number;
  lastChangeAt: Date | null;
}

/** A lead as the weekly report lists it. */
export interface CapturedLeadRow {
  id: string;
  name: string | null;
  phoneE164: string;
  message: string | null;
  source: string;
  inboundCallId: string | null;
  createdAt: Date;
}

export interface NewLead {
  id: string;
  businessId: string;
  formId: string | null;
  source: LeadSource;
  sourceDetail: string | null;
  inboundCallId: string | null;
  phoneE164: string;
  name: string | null;
  email: string | null;
  message: string | null;
  fields: Record<string, string | boolean>;
  status: LeadStatus;
  statusReason: string | null;
  autoCall: boolean;
  consentRecordId: string | null;
  consentEvidence: ConsentEvidence | null;
  consentEvidenceSha256: string | null;
  nextAttemptAt: Date | null;
  submittedAt: Date;
}

export interface NewSubmission {
  leadId: string;
  formId: string | null;
  source: LeadSource;
  payload: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  submittedAt: Date;
}

/** A lead's state change; fields left undefined keep their value. */
export interface LeadStateChange {
  status: LeadStatus;
  statusReason: string | null;
  nextAttemptAt: Date | null;
  deferredByDecisionId?: string | null;
  attempts?: number;
  firstAttemptAt?: Date;
  timeZone?: string | null;
}

export interface LeadListFilters {
  status?: LeadStatus;
  from?: Date;
  to?: Date;
  cursor: { at: string; id: string } | null;
  limit: number;
}

export interface LeadListRow {
  id: string;
  source: LeadSource;
  status: LeadStatus;
  status_reason: string | null;
  phone_e164: string;
  name: string | null;
  message: string | null;
  next_attempt_at: Date | null;
  attempts: number;
  created_at: Date;
  /** created_at to the microsecond, for the cursor. */
  cursor_at: string;
}

const LEAD_COLUMNS = `id, business_id AS "businessId", form_id AS "formId", source, source_detail AS "sourceDetail",
  inbound_call_id AS "inboundCallId", phone_e164 AS "phoneE164", name, email, message, fields, status,
  status_reason AS "statusReason", auto_call AS "autoCall", consent_record_id AS "consentRecordId",
  consent_evidence AS "consentEvidence", consent_evidence_sha256 AS "consentEvidenceSha256", attempts,
  first_attempt_at AS "firstAttemptAt", next_attempt_at AS "nextAttemptAt", deferred_by_decision_id AS "deferredByDecisionId",
  time_zone AS "timeZone", last_submission_at AS "lastSubmissionAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

/** leads, lead_submissions, lead_calls, lead_events: a lead and everything that happened to it. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly db: Database) {}

  /**
   * Serializes captures of one number for one business until the transaction ends, so that two
   * submissions of the same phone at the same moment make one lead, not two.
   */
  async lockPhone(businessId: string, phoneE164: string, tx: Tx): Promise<void> {
    await this.db.prepared('leads-lock-phone', `SELECT pg_advisory_xact_lock(hashtextextended('lead:' || $1 || ':' || $2, 0))`, [businessId, phoneE164], tx);
  }

  /** The business's lead for this number submitted since `since`, locked (the "same lead within 10 minutes" rule). */
  async lockRecentByPhone(businessId: string, phoneE164: string, since: Date, tx: Tx): Promise<Lead | null> {
    const { rows } = await this.db.prepared<Lead>(
      'leads-lock-recent-by-phone',
      `SELECT ${LEAD_COLUMNS} FROM leads
        WHERE business_id = $1 AND phone_e164 = $2 AND last_submission_at >= $3
        ORDER BY last_submission_at DESC LIMIT 1 FOR UPDATE`,
      [businessId, phoneE164, since],
      tx,
    );
    return rows[0] ?? null;
  }

  async insert(lead: NewLead, tx: Tx): Promise<{ id: string; createdAt: Date }> {
    const { rows } = await this.db.prepared<{ id: string; created_at: Date }>(
      'leads-insert',
      `INSERT INTO leads (id, business_id, form_id, source, source_detail, inbound_call_id, phone_e164, name, email, message, fields,
                          status, status_reason, auto_call, consent_record_id, consent_evidence, consent_evidence_sha256,
                          next_attempt_at, last_submission_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19, $19)
       RETURNING id, created_at`,
      [
        lead.id,
        lead.businessId,
        lead.formId,
        lead.source,
        lead.sourceDetail,
        lead.inboundCallId,
        lead.phoneE164,
        lead.name,
        lead.email,
        lead.message,
        JSON.stringify(lead.fields),
        lead.status,
        lead.statusReason,
        lead.autoCall,
        lead.consentRecordId,
        lead.consentEvidence === null ? null : JSON.stringify(lead.consentEvidence),
        lead.consentEvidenceSha256,
        lead.nextAttemptAt,
        lead.submittedAt,
      ],
      tx,
    );
    return { id: rows[0].id, createdAt: rows[0].created_at };
  }

  async insertSubmission(s: NewSubmission, tx: Tx): Promise<void> {
    await this.db.prepared(
      'leads-insert-submission',
      `INSERT INTO lead_submissions (lead_id, form_id, source, payload, ip, user_agent, page_url, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.leadId, s.formId, s.source, JSON.stringify(s.payload), s.ip, s.userAgent, s.pageUrl, s.submittedAt],
      tx,
    );
  }

  /** Another submission of a lead: it counts from now for the 10-minute rule. */
  async touchSubmission(leadId: string, at: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE leads SET last_submission_at = $2, updated_at = $2 WHERE id = $1`, [leadId, at], tx);
  }

  /** A lead with consent evidence added by a later submission (the first had none). */
  async attachConsent(leadId: string, consent: { recordId: string; evidence: ConsentEvidence; sha256: string }, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE leads SET consent_record_id = $2, consent_evidence = $3, consent_evidence_sha256 = $4 WHERE id = $1`,
      [leadId, consent.recordId, JSON.stringify(consent.evidence), consent.sha256],
      tx,
    );
  }

  async lock(leadId: string, tx: Tx): Promise<Lead | null> {
    const rows = await this.db.query<Lead>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE id = $1 FOR UPDATE`, [leadId], tx);
    return rows[0] ?? null;
  }

  async find(leadId: string, tx?: Tx): Promise<Lead | null> {
    const rows = await this.db.query<Lead>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE id = $1`, [leadId], tx);
    return rows[0] ?? null;
  }

  async findByInboundCall(callId: string, tx: Tx): Promise<Lead | null> {
    const rows = await this.db.query<Lead>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE inbound_call_id = $1`, [callId], tx);
    return rows[0] ?? null;
  }

  async setState(leadId: string, change: LeadStateChange, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE leads SET status = $2, status_reason = $3, next_attempt_at = $4,
              deferred_by_decision_id = CASE WHEN $5::boolean THEN $6::uuid ELSE deferred_by_decision_id END,
              attempts = COALESCE($7, attempts),
              first_attempt_at = COALESCE(first_attempt_at, $8),
              time_zone = CASE WHEN $9::boolean THEN $10 ELSE time_zone END,
              updated_at = $11
        WHERE id = $1`,
      [
        leadId,
        change.status,
        change.statusReason,
        change.nextAttemptAt,
        change.deferredByDecisionId !== undefined,
        change.deferredByDecisionId ?? null,
        change.attempts ?? null,
        change.firstAttemptAt ?? null,
        change.timeZone !== undefined,
        change.timeZone ?? null,
        now,
      ],
      tx,
    );
  }

  async insertEvent(event: { leadId: string; kind: LeadEvent['kind']; status?: LeadStatus | null; reason?: string | null; detail?: Record<string, unknown>; at: Date }, tx?: Tx): Promise<void> {
    await this.db.prepared(
      'leads-insert-event',
      `INSERT INTO lead_events (lead_id, kind, status, reason, detail, at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [event.leadId, event.kind, event.status ?? null, event.reason ?? null, JSON.stringify(event.detail ?? {}), event.at],
      tx,
    );
  }

  async insertCall(c: { leadId: string; attempt: number; callId: string; decisionId: string; at: Date }, tx: Tx): Promise<void> {
    await this.db.execute(`INSERT INTO lead_calls (lead_id, attempt, call_id, decision_id, created_at) VALUES ($1, $2, $3, $4, $5)`, [c.leadId, c.attempt, c.callId, c.decisionId, c.at], tx);
  }

  async markPlaced(callId: string, at: Date): Promise<void> {
    await this.db.execute(`UPDATE lead_calls SET placed_at = $2 WHERE call_id = $1`, [callId, at]);
  }

  /** A placement that never reached the provider: the attempt is taken back (the call row stays, failed). */
  async deleteCall(callId: string, tx: Tx): Promise<void> {
    await this.db.execute(`DELETE FROM lead_calls WHERE call_id = $1`, [callId], tx);
  }

  /** The attempt a call was, locked with its lead, while its outcome is not recorded yet. */
  async lockOpenAttemptOf(callId: string, tx: Tx): Promise<LeadCall | null> {
    const rows = await this.db.query<LeadCall>(
      `SELECT lc.lead_id AS "leadId", lc.attempt, lc.call_id AS "callId", lc.decision_id AS "decisionId", lc.placed_at AS "placedAt",
              lc.outcome, lc.ended_at AS "endedAt", lc.created_at AS "createdAt"
         FROM lead_calls lc JOIN leads l ON l.id = lc.lead_id
        WHERE lc.call_id = $1 AND lc.outcome IS NULL
        FOR UPDATE OF lc, l`,
      [callId],
      tx,
    );
    return rows[0] ?? null;
  }

  async setCallOutcome(callId: string, outcome: LeadCallOutcome, endedAt: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE lead_calls SET outcome = $2, ended_at = $3 WHERE call_id = $1`, [callId, outcome, endedAt], tx);
  }

  callsOf(leadId: string, tx?: Tx): Promise<LeadCall[]> {
    return this.db.repository(LeadCall, tx).find({ where: { leadId }, order: { attempt: 'ASC' } });
  }

  submissionsOf(leadId: string, tx?: Tx): Promise<LeadSubmission[]> {
    return this.db.repository(LeadSubmission, tx).find({ where: { leadId }, order: { submittedAt: 'ASC' } });
  }

  eventsOf(leadId: string, tx?: Tx): Promise<LeadEvent[]> {
    return this.db.repository(LeadEvent, tx).find({ where: { leadId }, order: { at: 'ASC' } });
  }

  /** A business's leads, newest first (keyset on created_at, id), with optional status and date filters. */
  list(businessId: string, f: LeadListFilters): Promise<LeadListRow[]> {
    return this.db.query<LeadListRow>(
      `SELECT id, source, status, status_reason, phone_e164, name, message, next_attempt_at, attempts, created_at,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM leads
        WHERE business_id = $1
          AND ($2::text IS NULL OR status = $2)
          AND ($3::timestamptz IS NULL OR created_at >= $3)
          AND ($4::timestamptz IS NULL OR created_at < $4)
          AND ($5::timestamptz IS NULL OR (created_at, id) < ($5::timestamptz, $6::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $7`,
      [businessId, f.status ?? null, f.from ?? null, f.to ?? null, f.cursor?.at ?? null, f.cursor?.id ?? null, f.limit + 1],
    );
  }

  /** How many leads a business got since `since`, by status. */
  async countByStatus(businessId: string, since: Date, until: Date | null): Promise<{ status: LeadStatus; count: number }[]> {
    const rows = await this.db.query<{ status: LeadStatus; count: string }>(
      `SELECT status, count(*) AS count FROM leads
        WHERE business_id = $1 AND created_at >= $2 AND ($3::timestamptz IS NULL OR created_at < $3) GROUP BY status`,
      [businessId, since, until],
    );
    return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  /** Leads whose call is due and still waiting (a job lost with Redis, or late), oldest first. */
  due(before: Date, limit: number): Promise<{ id: string; attempts: number; next_attempt_at: Date; deferred_by_decision_id: string | null }[]> {
    return this.db.query(
      `SELECT id, attempts, next_attempt_at, deferred_by_decision_id FROM leads
        WHERE status IN ('new', 'deferred') AND auto_call AND next_attempt_at <= $1
        ORDER BY next_attempt_at LIMIT $2`,
      [before, limit],
    );
  }

  /**
   * Staff search: by id, the phone number (leads_phone_idx), or the email, whole or its start
   * (leads_email_pattern_idx). Newest first within a kind of match.
   */
  staffSearch(terms: SearchTerms): Promise<{ id: string; business_id: string; name: string | null; email: string | null; phone_e164: string; status: LeadStatus; source: LeadSource; created_at: Date; rank: MatchRank }[]> {
    const cols = `id, business_id, name, email, phone_e164, status, source, created_at`;
    if (terms.uuid) return this.db.query(`SELECT ${cols}, ${MATCH.exact} AS rank FROM leads WHERE id = $1::uuid`, [terms.uuid]);
    if (terms.phone) {
      return this.db.query(`SELECT ${cols}, ${MATCH.exact} AS rank FROM leads WHERE phone_e164 = $2 ORDER BY created_at DESC LIMIT $1`, [terms.limit, terms.phone]);
    }
    if (!terms.partial) return Promise.resolve([]);
    return this.db.query(
      `SELECT ${cols}, CASE WHEN lower(email) = $2 THEN ${MATCH.exact} ELSE ${MATCH.prefix} END AS rank
         FROM leads WHERE email IS NOT NULL AND lower(email) LIKE $3 ESCAPE '\\'
        ORDER BY lower(email) USING ~<~ LIMIT $1`,
      [terms.limit, terms.lower, `${escapeLike(terms.lower)}%`],
    );
  }

  /**
   * What a business's leads (or every business's, businessId null) add up to over [from, to):
   * leads captured (created) in it, their time to the first call (first_attempt_at − created_at,
   * p50 and p90 in ms, of those called so far), and the leads deferred or blocked by a decision made
   * in it (a retry after no answer is no deferral).
   */
  async activityIn(businessId: string | null, from: Date, to: Date): Promise<LeadActivityRow> {
    const scope = businessId ? 'business_id = $3 AND ' : '';
    const params: unknown[] = businessId ? [from, to, businessId] : [from, to];
    const captured = await this.db.one<Omit<LeadActivityRow, 'deferred' | 'blocked'>>(
      `SELECT count(*)::int AS "captured",
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_attempt_at - created_at) * 1000))::int AS "timeToCallP50Ms",
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_attempt_at - created_at) * 1000))::int AS "timeToCallP90Ms",
              count(first_attempt_at)::int AS "timeToCallSamples",
              max(updated_at) AS "lastChangeAt"
         FROM leads WHERE ${scope}created_at >= $1 AND created_at < $2`,
      params,
    );
    const decided = await this.db.one<{ deferred: number; blocked: number }>(
      `SELECT count(DISTINCT e.lead_id) FILTER (WHERE e.status = 'deferred')::int AS deferred,
              count(DISTINCT e.lead_id) FILTER (WHERE e.status = 'blocked')::int AS blocked
         FROM lead_events e JOIN leads ON leads.id = e.lead_id
        WHERE ${scope.replace('business_id', 'leads.business_id')}e.kind = 'status' AND e.status IN ('deferred', 'blocked')
          AND e.reason IS DISTINCT FROM 'no_answer' AND e.at >= $1 AND e.at < $2`,
      params,
    );
    return { ...captured!, deferred: decided!.deferred, blocked: decided!.blocked };
  }

  /** A business's leads created in [from, to), oldest first, at most `limit`, and how many there are in all. */
  async capturedIn(businessId: string, from: Date, to: Date, limit: number): Promise<{ total: number; leads: CapturedLeadRow[] }> {
    const [leads, total] = await Promise.all([
      this.db.query<CapturedLeadRow>(
        `SELECT id, name, phone_e164 AS "phoneE164", message, source, inbound_call_id AS "inboundCallId", created_at AS "createdAt"
           FROM leads WHERE business_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at, id LIMIT $4`,
        [businessId, from, to, limit],
      ),
      this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM leads WHERE business_id = $1 AND created_at >= $2 AND created_at < $3`, [businessId, from, to]),
    ]);
    return { total: total?.n ?? 0, leads };
  }

  /** The latest change to a business's leads created in [from, to) (a first call placed later moves it). */
  async lastChangeIn(businessId: string, from: Date, to: Date): Promise<Date | null> {
    const row = await this.db.one<{ at: Date | null }>(`SELECT max(updated_at) AS at FROM leads WHERE business_id = $1 AND created_at >= $2 AND created_at < $3`, [businessId, from, to]);
    return row?.at ?? null;
  }
}
