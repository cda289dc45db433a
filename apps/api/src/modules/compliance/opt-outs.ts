import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../../common/audit/audit.service';
import { CallOptOut, OptOutRecorder } from '../calls/opt-out-recorder';
import { InvalidPhoneNumber } from './compliance.errors';
import { ConsentLedgerService } from './consent-ledger.service';
import { DoNotCallService } from './do-not-call.service';
import { toE164 } from './phone';

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
    @InjectDataSource() private readonly db: DataSource,
    private readonly dnc: DoNotCallService,
    private readonly ledger: ConsentLedgerService,
  ) {}

  /** An opt-out heard in a call; idempotent per call (a replayed report records nothing new). */
  async recordInCallOptOut(optOut: CallOptOut, manager: EntityManager): Promise<OptOutResult> {
    const phone = toE164(optOut.phoneE164);
    if (!phone) {
      this.logger.error({ callId: optOut.callId }, 'opt-out heard on a call without a valid number: nothing to list');
      return { listed: false, revoked: false };
    }
    // A replay must not re-list a number that staff removed since: one entry per call, ever.
    const [seen]: { id: string }[] = await manager.query(`SELECT id FROM dnc_entries WHERE call_id = $1 AND source = 'in_call_opt_out' LIMIT 1`, [optOut.callId]);
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
          manager,
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
      manager,
    );
    this.logger.log({ callId: optOut.callId, businessId: optOut.businessId, listed: entry !== null, revoked: revocation !== null }, 'in-call opt-out recorded');
    return { listed: entry !== null, revoked: revocation !== null };
  }

  /** A STOP reply by SMS: the business's list when we know it, else Beaker's own. */
  async recordSmsStop(phone: string, businessId?: string | null, message = 'STOP'): Promise<OptOutResult> {
    const e164 = toE164(phone);
    if (!e164) throw new InvalidPhoneNumber(`${phone} is not an E.164 number`);
    return this.db.transaction(async (m) => {
      const entry = await this.dnc.addIfAbsent(
        { list: businessId ?? null, phone: e164, source: 'sms_stop', reason: `Replied ${message.slice(0, 40)} by SMS`, actor: SYSTEM_ACTOR },
        m,
      );
      const revocation = await this.ledger.revokeConsent({ phone: e164, businessId: businessId ?? null, method: 'sms_stop', statement: message }, m);
      return { listed: entry !== null, revoked: revocation !== null };
    });
  }
}

/** Binds the calls module's OptOutRecorder: the end-of-call report's opt-out lands here, in its transaction. */
@Injectable()
export class ComplianceOptOutRecorder extends OptOutRecorder {
  constructor(private readonly optOuts: OptOutService) {
    super();
  }

  async record(optOut: CallOptOut, manager: EntityManager): Promise<void> {
    await this.optOuts.recordInCallOptOut(optOut, manager);
  }
}
