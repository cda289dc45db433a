import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database, type Tx } from '../../../database/database';
import { ConsentRecord } from '../entities/consent-record.entity';

/** "Same business, or both Beaker's": $2 is the business id or null. */
const SAME_PARTY = `(business_id = $2::uuid OR ($2::uuid IS NULL AND business_id IS NULL))`;

const RETURNING = `id, phone_e164 AS "phoneE164", business_id AS "businessId", trial_id AS "trialId", lead_id AS "leadId", call_id AS "callId",
  kind, method, purpose, consent_text AS "consentText", consent_text_hash AS "consentTextHash", consent_version AS "consentVersion",
  captured_at AS "capturedAt", host(ip) AS ip, user_agent AS "userAgent", page_url AS "pageUrl", form_id AS "formId", created_at AS "createdAt"`;

export interface GrantRow {
  phone: string;
  businessId: string | null;
  trialId: string | null;
  leadId: string | null;
  method: string;
  purpose: string;
  text: string;
  textHash: string;
  version: string | null;
  capturedAt: Date;
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  formId: string | null;
  now: Date;
}

export interface RevocationRow {
  phone: string;
  businessId: string | null;
  trialId: string | null;
  leadId: string | null;
  callId: string | null;
  method: string;
  statement: string | null;
  statementHash: string | null;
  capturedAt: Date;
  now: Date;
}

/** `consent_records`: the consent ledger, append-only (the database refuses UPDATE and DELETE). */
@Injectable()
export class ConsentsRepository {
  constructor(private readonly db: Database) {}

  async insertGrant(g: GrantRow, tx?: Tx): Promise<ConsentRecord> {
    const [row] = await this.db.query<ConsentRecord>(
      `INSERT INTO consent_records (phone_e164, business_id, trial_id, lead_id, kind, method, purpose, consent_text, consent_text_hash,
         consent_version, captured_at, ip, user_agent, page_url, form_id, created_at)
       VALUES ($1, $2, $3, $4, 'grant', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       RETURNING ${RETURNING}`,
      [g.phone, g.businessId, g.trialId, g.leadId, g.method, g.purpose, g.text, g.textHash, g.version, g.capturedAt, g.ip, g.userAgent, g.pageUrl, g.formId, g.now],
      tx,
    );
    return row;
  }

  /** Appends a revocation; with a call id, at most one per call (null when that call's is on file). */
  insertRevocation(r: RevocationRow, tx?: Tx): Promise<ConsentRecord | null> {
    return this.db.one<ConsentRecord>(
      `INSERT INTO consent_records (phone_e164, business_id, trial_id, lead_id, call_id, kind, method, consent_text, consent_text_hash, captured_at, created_at)
       SELECT $1, $2, $3, $4, $5, 'revocation', $6, $7, $8, $9, $10
        WHERE $5::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM consent_records WHERE call_id = $5::uuid AND kind = 'revocation')
       RETURNING ${RETURNING}`,
      [r.phone, r.businessId, r.trialId, r.leadId, r.callId, r.method, r.statement, r.statementHash, r.capturedAt, r.now],
      tx,
    );
  }

  /** The newest grant and revocation instants of a number for a business (or Beaker, null). */
  async latest(businessId: string | null, phone: string, tx?: Tx): Promise<{ lastGrantAt: Date | null; lastRevocationAt: Date | null }> {
    const [row] = await this.db.query<{ lastGrantAt: Date | null; lastRevocationAt: Date | null }>(
      `SELECT max(captured_at) FILTER (WHERE kind = 'grant') AS "lastGrantAt", max(GREATEST(captured_at, created_at)) FILTER (WHERE kind = 'revocation') AS "lastRevocationAt"
         FROM consent_records WHERE phone_e164 = $1 AND ${SAME_PARTY}`,
      [phone, businessId],
      tx,
    );
    return row;
  }

  /** Revocations of a number's consent to this party (a business, or Beaker) captured since `since`, oldest first. */
  revocationsSince(businessId: string | null, phone: string, since: Date): Promise<ConsentRecord[]> {
    return this.db
      .repository(ConsentRecord)
      .createQueryBuilder('c')
      .where(`c.phoneE164 = :phone AND c.kind = 'revocation' AND c.capturedAt >= :since`, { phone, since })
      .andWhere(businessId === null ? 'c.businessId IS NULL' : 'c.businessId = :businessId', { businessId })
      .orderBy('c.capturedAt', 'ASC')
      .getMany();
  }

  /** A business's evidence, newest first, optionally for one number. */
  list(businessId: string, phone: string | undefined, page: PageQueryDto) {
    const qb = this.db.repository(ConsentRecord).createQueryBuilder('c').where('c.businessId = :businessId', { businessId });
    if (phone !== undefined) qb.andWhere('c.phoneE164 = :phone', { phone });
    return paginate(qb, page);
  }
}
