import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { CallPurpose, ConsentRecord as ConsentRecordView, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { PageQueryDto } from '../../common/http/pagination';
import type { Tx } from '../../database/database';
import { InvalidConsent, InvalidPhoneNumber } from './compliance.errors';
import { ConsentState, consentStateOf } from './consent-state';
import type { ConsentRecord } from './entities/consent-record.entity';
import { ConsentsRepository } from './persistence/consents.repository';
import { toE164 } from './phone';

export { consentStateOf, type ConsentState } from './consent-state';

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

export interface ConsentListQuery extends PageQueryDto {
  phone?: string;
}

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
 * The consent ledger: append-only evidence (the database refuses UPDATE and DELETE). A grant
 * keeps the exact text and its SHA-256 (checked by the database); a revocation is a new line that
 * outranks every older grant of the same (business, number).
 */
@Injectable()
export class ConsentLedgerService {
  constructor(
    private readonly consents: ConsentsRepository,
    private readonly clock: Clock,
  ) {}

  async recordConsent(grant: ConsentGrant, tx?: Tx): Promise<ConsentRecordView> {
    const phone = toE164(grant.phone);
    if (!phone) throw new InvalidPhoneNumber(`${grant.phone} is not an E.164 number`);
    if (typeof grant.text !== 'string' || grant.text.trim().length === 0) throw new InvalidConsent('The consent text the person saw is required');
    const now = this.clock.now();
    const row = await this.consents.insertGrant(
      {
        phone,
        businessId: grant.businessId ?? null,
        trialId: grant.trialId ?? null,
        leadId: grant.leadId ?? null,
        method: grant.method,
        purpose: grant.purpose,
        text: grant.text,
        textHash: sha256Hex(grant.text),
        version: clip(grant.version, 100),
        capturedAt: grant.capturedAt ?? now,
        ip: grant.ip && isIP(grant.ip) ? grant.ip : null,
        userAgent: clip(grant.userAgent, 1000),
        pageUrl: clip(grant.pageUrl, 2000),
        formId: clip(grant.formId, 100),
        now,
      },
      tx,
    );
    return toConsentView(row);
  }

  /**
   * The prospect's "Call me" click on a trial: an express request to be called now, recorded as a
   * verbal_trial grant to Beaker (no business) for the trial_demo purpose.
   */
  recordVerbalTrialConsent(
    input: { phone: string; trialId: string; text: string; version?: string; ip?: string | null; userAgent?: string | null; pageUrl?: string | null },
    tx?: Tx,
  ): Promise<ConsentRecordView> {
    return this.recordConsent({ ...input, method: 'verbal_trial', purpose: 'trial_demo', businessId: null }, tx);
  }

  /**
   * Appends a revocation. With `callId`, at most one revocation per call is kept, so that a replayed
   * end-of-call report does not write the ledger twice; null when it was already recorded.
   */
  async revokeConsent(revocation: ConsentRevocation, tx?: Tx): Promise<ConsentRecordView | null> {
    const phone = toE164(revocation.phone);
    if (!phone) throw new InvalidPhoneNumber(`${revocation.phone} is not an E.164 number`);
    const now = this.clock.now();
    const statement = clip(revocation.statement, 20000);
    const row = await this.consents.insertRevocation(
      {
        phone,
        businessId: revocation.businessId ?? null,
        trialId: revocation.trialId ?? null,
        leadId: revocation.leadId ?? null,
        callId: revocation.callId ?? null,
        method: revocation.method,
        statement,
        statementHash: statement === null ? null : sha256Hex(statement),
        capturedAt: revocation.capturedAt ?? now,
        now,
      },
      tx,
    );
    return row ? toConsentView(row) : null;
  }

  /** Consent of a number to a business (or to Beaker, businessId null). */
  async consentStatus(businessId: string | null, phone: string, tx?: Tx): Promise<ConsentState> {
    const e164 = toE164(phone);
    if (!e164) return consentStateOf(null, null);
    const row = await this.consents.latest(businessId, e164, tx);
    return consentStateOf(row.lastGrantAt, row.lastRevocationAt);
  }

  /** The evidence of a business, newest first, optionally for one number. */
  /** Withdrawals of consent for a number (to this business) since a moment: what a certificate lists after the grant. */
  async revocationsSince(businessId: string | null, phone: string, since: Date): Promise<ConsentRecordView[]> {
    return (await this.consents.revocationsSince(businessId, phone, since)).map(toConsentView);
  }

  async list(businessId: string, query: ConsentListQuery): Promise<Page<ConsentRecordView>> {
    let phone: string | undefined;
    if (query.phone !== undefined) {
      phone = toE164(query.phone) ?? undefined;
      if (!phone) throw new InvalidPhoneNumber(`${query.phone} is not an E.164 number`);
    }
    const page = await this.consents.list(businessId, phone, query);
    return { items: page.items.map(toConsentView), nextCursor: page.nextCursor };
  }
}
