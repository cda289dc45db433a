import { Injectable, Logger } from '@nestjs/common';
import { SYSTEM_ACTOR } from '../../common/audit/audit.service';
import { Database, type Tx } from '../../database/database';
import { InvalidPhoneNumber } from './compliance.errors';
import { ConsentLedgerService } from './consent-ledger.service';
import { DoNotCallService } from './do-not-call.service';
import { toE164 } from './phone';

/** A person asked, during a call, not to be called again. */
export interface InCallOptOut {
  callId: string;
  businessId: string | null;
  trialId: string | null;
  /** The person's number: the called number of an outbound call, the caller's of an inbound one. */
  phoneE164: string | null;
  /** How we know (the agent's tool call, the structured data, or the words in the transcript). */
  source: string;
  at: Date;
}

export interface OptOutResult {
  /** A new DNC entry was made (false: the number was already listed, or this call's opt-out was recorded before). */
  listed: boolean;
  /** A revocation was appended to the consent ledger. */
  revoked: boolean;
}

/**
 * A person said "do not call me again": by voice during a call, or STOP by SMS. The number goes on
 * the do-not-call list of whoever called (the business; Beaker's own list for trial calls, which
 * have no business) and a revocation is appended to the consent ledger, together. Honoured from
 * the next evaluation on.
 */
@Injectable()
export class OptOutService {
  private readonly logger = new Logger('OptOuts');

  constructor(
    private readonly db: Database,
    private readonly dnc: DoNotCallService,
    private readonly ledger: ConsentLedgerService,
  ) {}

  /**
   * An opt-out heard in a call, inside the transaction that processes the call's report (so it is
   * recorded exactly once with it); idempotent per call (a replayed report records nothing new).
   */
  async recordInCallOptOut(optOut: InCallOptOut, tx: Tx): Promise<OptOutResult> {
    const phone = toE164(optOut.phoneE164);
    if (!phone) {
      this.logger.error({ callId: optOut.callId }, 'opt-out heard on a call without a valid number: nothing to list');
      return { listed: false, revoked: false };
    }
    // A replay must not re-list a number that staff removed since: one entry per call, ever.
    const seen = await this.dnc.hasInCallOptOut(optOut.callId, tx);
    const entry = seen
      ? null
      : await this.dnc.addIfAbsent(
          {
            list: optOut.businessId,
            phone,
            source: 'in_call_opt_out',
            reason: `Asked not to be called again during call ${optOut.callId} (${optOut.source})`,
            callId: optOut.callId,
            actor: SYSTEM_ACTOR,
          },
          tx,
        );
    const revocation = await this.ledger.revokeConsent(
      {
        phone,
        businessId: optOut.businessId,
        trialId: optOut.trialId,
        callId: optOut.callId,
        method: 'in_call_opt_out',
        statement: `Opt-out during call ${optOut.callId} (${optOut.source})`,
        capturedAt: optOut.at,
      },
      tx,
    );
    this.logger.log({ callId: optOut.callId, businessId: optOut.businessId, listed: entry !== null, revoked: revocation !== null }, 'in-call opt-out recorded');
    return { listed: entry !== null, revoked: revocation !== null };
  }

  /**
   * A STOP reply by SMS: the business's list when we know it, else Beaker's own. Pass `tx` to join
   * a transaction (the webhook's: recorded exactly once with the event).
   */
  async recordSmsStop(phone: string, businessId?: string | null, message = 'STOP', tx?: Tx): Promise<OptOutResult> {
    const e164 = toE164(phone);
    if (!e164) throw new InvalidPhoneNumber(`${phone} is not an E.164 number`);
    return this.inTransaction(tx, async (tx) => {
      const entry = await this.dnc.addIfAbsent(
        { list: businessId ?? null, phone: e164, source: 'sms_stop', reason: `Replied ${message.slice(0, 40)} by SMS`, actor: SYSTEM_ACTOR },
        tx,
      );
      const revocation = await this.ledger.revokeConsent({ phone: e164, businessId: businessId ?? null, method: 'sms_stop', statement: message }, tx);
      return { listed: entry !== null, revoked: revocation !== null };
    });
  }

  /**
   * START or UNSTOP by SMS undoes an SMS STOP: the listing that STOP made on that list is removed
   * (audited). Nothing else is: a listing made by the business, staff or an opt-out said on a call
   * stays, and the revocation stays in the ledger, so calls that need consent need it given again
   * (a new form submission). Returns whether a listing was removed.
   */
  async recordSmsStart(phone: string, businessId: string | null, message = 'START', tx?: Tx): Promise<{ unlisted: boolean }> {
    const e164 = toE164(phone);
    if (!e164) throw new InvalidPhoneNumber(`${phone} is not an E.164 number`);
    return this.inTransaction(tx, async (tx) => {
      const entry = await this.dnc.activeEntry(businessId, e164, tx);
      if (!entry || entry.source !== 'sms_stop') return { unlisted: false };
      await this.dnc.remove({ list: businessId, entryId: entry.id, reason: `Replied ${message.slice(0, 40)} by SMS`, actor: SYSTEM_ACTOR }, tx);
      return { unlisted: true };
    });
  }

  private inTransaction<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.db.transaction(work);
  }
}
