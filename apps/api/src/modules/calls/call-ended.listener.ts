import type { Tx } from '../../database/database';
import type { CallRow } from './calls.repository';
import type { ExtractedLead } from './entities/call.entity';

/** A call that just ended, as the listener sees it. */
export interface EndedCall {
  call: CallRow;
  /** When it ended (the report's time, else when we learnt it). */
  endedAt: Date;
  /** What the agent learnt, when the end came with the report. */
  extractedLead: ExtractedLead | null;
  summary: string | null;
}

/**
 * The port through which a module above calls learns that a call ended (leads: the next attempt,
 * the lead's status, a lead from an inbound call). Called inside the transaction that ended the
 * call, once per call (only when its status became completed or failed), so what the listener
 * writes commits with the end or not at all. Provided by the module that needs it; optional.
 */
export abstract class CallEndedListener {
  abstract callEnded(ended: EndedCall, tx: Tx): Promise<void>;
}
