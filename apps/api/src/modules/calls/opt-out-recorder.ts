import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OptOutSource } from './call-outcome';

/** A person asked, during a call, not to be called again. */
export interface CallOptOut {
  callId: string;
  businessId: string | null;
  trialId: string | null;
  /** The person's number: the called number of an outbound call, the caller's of an inbound one. */
  phoneE164: string | null;
  source: OptOutSource;
  at: Date;
}

/**
 * Where opt-outs go (the compliance module's DNC list). Called inside the transaction that
 * processes the end-of-call report: write through `manager`, and the opt-out commits with the
 * report, exactly once. The compliance module binds it; until then the no-op recorder logs.
 *
 * To bind: provide `{ provide: OptOutRecorder, useClass: YourRecorder }` in a @Global() module
 * and export it; CallsModule picks it up by itself (see modules/calls/README.md).
 */
export abstract class OptOutRecorder {
  abstract record(optOut: CallOptOut, manager: EntityManager): Promise<void>;
}

export class NoopOptOutRecorder extends OptOutRecorder {
  private readonly logger = new Logger('OptOutRecorder');

  async record(optOut: CallOptOut): Promise<void> {
    this.logger.warn({ callId: optOut.callId, source: optOut.source }, 'opt-out heard but no recorder is bound (compliance module missing)');
  }
}

/** The recorder CallsModule uses: the bound one, else the no-op. */
export const OPT_OUT_RECORDER_IN_USE = Symbol('OptOutRecorderInUse');
