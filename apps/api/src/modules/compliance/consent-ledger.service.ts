import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { DataSource, EntityManager } from 'typeorm';
import type { CallPurpose, ConsentRecord as ConsentRecordView, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { PageQueryDto, paginate } from '../../common/http/pagination';
import { InvalidConsent, InvalidPhoneNumber } from './compliance.errors';
import { ConsentRecord } from './entities/consent-record.entity';
import { toE164 } from './phone';

/** Where and how a person gave consent: what they saw, when, from where. */
export interface ConsentEvidence {
  /** web_form (a business's form), api (an integrator pushed it), verbal_trial (the prospect clicked "Call me"). */
  method: 'web_form' | 'api' | 'verbal_trial';
  /** Exactly the text the person agreed to. */
  text: string;
  version?: string | null;
  /** Default: now. */
  capturedAt?: Date;
  ip?: string | null;
  userAgent?: string | null;
  pageUrl?: string | null;
  formId?: string | null;
}

export interface ConsentGrant extends ConsentEvidence {
  phone: string;
  purpose: CallPurpose;
  /** null: consent to Beaker itself (trial demo calls). */
  businessId?: string | null;
  trialId?: string | null;
  leadId?: string | null;
}

export interface ConsentRevocation {
  phone: string;
  businessId?: string | null;
  method: 'in_call_opt_out' | 'sms_stop' | 'business' | 'admin' | 'api';
  /** What the person said or sent, or why (kept as the record's text). */
  statement?: string | null;
  trialId?: string | null;
  leadId?: string | null;
  callId?: string | null;
  capturedAt?: Date;
}

export interface ConsentState {
  /** A grant newer than any revocation is on file. */
  present: boolean;
  /** The newest record is a revocation. */
  revoked: boolean;
  lastGrantAt: Date | null;
  lastRevocationAt: Date | null;
}

export interface ConsentListQuery extends PageQueryDto {
  phone?: string;
}

/** "Same business, or both Beaker's": $2 is the business id or null. */
export const SAME_PARTY = `(business_id = $2::uuid OR ($2::uuid IS NULL AND business_id IS NULL))`;

const RETURNING = `id, phone_e164 AS "phoneE164", business_id AS "businessId", trial_id AS "trialId", lead_id AS "leadId", call_id AS "callId",
  kind, method, purpose, consent_text AS "consentText", consent_text_hash AS "consentTextHash", consent_version AS "consentVersion",
  captured_at AS "capturedAt", host(ip) AS ip, user_agent AS "userAgent", page_url AS "pageUrl", form_id AS "formId", created_at AS "createdAt"`;

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

export function toConsentView(r: ConsentRecord): ConsentRecordView {
  return {
    id: r.id,
    phone: r.phoneE164,
    businessId: r.businessId,
    trialId: r.trialId,
    leadId: r.leadId,
    callId: r.callId,
    kind: r.kind,
    method: r.method,
    purpose: r.purpose,
    consentText: r.consentText,
    consentTextHash: r.consentTextHash,
    consentVersion: r.consentVersion,
    capturedAt: r.capturedAt.toISOString(),
    ip: r.ip,
    userAgent: r.userAgent,
    pageUrl: r.pageUrl,
    formId: r.formId,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Reads "grant after the last revocation" from the two newest instants. A revocation counts from
 * when it was said or when we recorded it, whichever is later (a provider's clock must not date
 * it before a grant we already held); a grant counts from when it was captured, so old evidence
 * sent late never outranks a revocation.
 */
export function consentStateOf(lastGrantAt: Date | null, lastRevocationAt: Date | null): ConsentState {
  const revoked = lastRevocationAt !== null && (lastGrantAt === null || lastRevocationAt.getTime() >= lastGrantAt.getTime());
  return { present: lastGrantAt !== null && !revoked, revoked, lastGrantAt, lastRevocationAt };
}

/**
 * The consent ledger: append-only evidence (the database refuses UPDATE and DELETE). A grant
 * keeps the exact text and its SHA-256 (checked by the database); a revocation is a new line that
 * outranks every older grant of the same (business, number).
 */
@Injectable()
export class ConsentLedgerService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async recordConsent(grant: ConsentGrant, manager: EntityManager = this.db.manager): Promise<ConsentRecordView> {
    const phone = toE164(grant.phone);
    if (!phone) throw new InvalidPhoneNumber(`${grant.phone} is not an E.164 number`);
    if (typeof grant.text !== 'string' || grant.text.trim().length === 0) throw new InvalidConsent('The consent text the person saw is required');
    const now = this.clock.now();
    const rows: ConsentRecord[] = await manager.query(
      `INSERT INTO consent_records (phone_e164, business_id, trial_id, lead_id, kind, method, purpose, consent_text, consent_text_hash,
         consent_version, captured_at, ip, user_agent, page_url, form_id, created_at)
       VALUES ($1, $2, $3, $4, 'grant', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${RETURNING}`,
      [
        phone,
        grant.businessId ?? null,
        grant.trialId ?? null,
        grant.leadId ?? null,
        grant.method,
        grant.purpose,
        grant.text,
        sha256Hex(grant.text),
        clip(grant.version, 100),
        grant.capturedAt ?? now,
        grant.ip && isIP(grant.ip) ? grant.ip : null,
        clip(grant.userAgent, 1000),
        clip(grant.pageUrl, 2000),
        clip(grant.formId, 100),
        now,
      ],
    );
    return toConsentView(rows[0]);
  }

  /**
   * The prospect's "Call me" click on a trial: an express request to be called now, recorded as a
   * verbal_trial grant to Beaker (no business) for the trial_demo purpose.
   */
  recordVerbalTrialConsent(
    input: { phone: string; trialId: string; text: string; version?: string; ip?: string | null; userAgent?: string | null; pageUrl?: string | null },
    manager?: EntityManager,
  ): Promise<ConsentRecordView> {
    return this.recordConsent({ ...input, method: 'verbal_trial', purpose: 'trial_demo', businessId: null }, manager);
  }

  /**
   * Appends a revocation. With `callId`, at most one revocation per call is kept, so that a replayed
   * end-of-call report does not write the ledger twice; null when it was already recorded.
   */
  async revokeConsent(revocation: ConsentRevocation, manager: EntityManager = this.db.manager): Promise<ConsentRecordView | null> {
    const phone = toE164(revocation.phone);
    if (!phone) throw new InvalidPhoneNumber(`${revocation.phone} is not an E.164 number`);
    const now = this.clock.now();
    const statement = clip(revocation.statement, 20000);
    const rows: ConsentRecord[] = await manager.query(
      `INSERT INTO consent_records (phone_e164, business_id, trial_id, lead_id, call_id, kind, method, consent_text, consent_text_hash, captured_at, created_at)
       SELECT $1, $2, $3, $4, $5, 'revocation', $6, $7, $8, $9, $10
        WHERE $5::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM consent_records WHERE call_id = $5::uuid AND kind = 'revocation')
       RETURNING ${RETURNING}`,
      [
        phone,
        revocation.businessId ?? null,
        revocation.trialId ?? null,
        revocation.leadId ?? null,
        revocation.callId ?? null,
        revocation.method,
        statement,
        statement === null ? null : sha256Hex(statement),
        revocation.capturedAt ?? now,
        now,
      ],
    );
    return rows[0] ? toConsentView(rows[0]) : null;
  }

  /** Consent of a number to a business (or to Beaker, businessId null). */
  async consentStatus(businessId: string | null, phone: string, manager: EntityManager = this.db.manager): Promise<ConsentState> {
    const e164 = toE164(phone);
    if (!e164) return consentStateOf(null, null);
    const [row]: { lastGrantAt: Date | null; lastRevocationAt: Date | null }[] = await manager.query(
      `SELECT max(captured_at) FILTER (WHERE kind = 'grant') AS "lastGrantAt", max(GREATEST(captured_at, created_at)) FILTER (WHERE kind = 'revocation') AS "lastRevocationAt"
         FROM consent_records WHERE phone_e164 = $1 AND ${SAME_PARTY}`,
      [e164, businessId],
    );
    return consentStateOf(row.lastGrantAt, row.lastRevocationAt);
  }

  /** The evidence of a business, newest first, optionally for one number. */
  async list(businessId: string, query: ConsentListQuery): Promise<Page<ConsentRecordView>> {
    const qb = this.db.getRepository(ConsentRecord).createQueryBuilder('c').where('c.businessId = :businessId', { businessId });
    if (query.phone !== undefined) {
      const phone = toE164(query.phone);
      if (!phone) throw new InvalidPhoneNumber(`${query.phone} is not an E.164 number`);
      qb.andWhere('c.phoneE164 = :phone', { phone });
    }
    const page = await paginate(qb, query);
    return { items: page.items.map(toConsentView), nextCursor: page.nextCursor };
  }
}
