import { Injectable } from '@nestjs/common';
import { ourCallIdOf } from '../../../integrations/vapi/vapi.mapping';
import type { Tx } from '../../../database/database';
import { CallRow, CallsService } from '../calls.service';

export class CallNotFoundForEvent extends Error {}

/** Finds (and locks) the call a Vapi event is about: by the id we sent as metadata, else by Vapi's. */
@Injectable()
export class CallEventLocator {
  constructor(private readonly calls: CallsService) {}

  async lockForVapi(tx: Tx, vapiCall: { id: string } & Parameters<typeof ourCallIdOf>[0]): Promise<CallRow> {
    const call = await this.calls.lockCall(tx, { callId: ourCallIdOf(vapiCall), vapiCallId: vapiCall.id });
    // Retried: the row may be committed a moment after the provider's first event (inbound calls).
    if (!call) throw new CallNotFoundForEvent(`no call for Vapi call ${vapiCall.id}`);
    return call;
  }
}
