import { Injectable, Logger } from '@nestjs/common';
import type { CallStatus } from '@beaker/contracts';
import { RedisService } from '../../common/redis/redis.service';

/** What is published on `call-status:<callId>` each time a call's status changes. */
export interface CallStatusChange {
  callId: string;
  status: CallStatus;
  endedReason: string | null;
  trialId: string | null;
  businessId: string | null;
  /** ISO instant of the change. */
  at: string;
}

export const callStatusChannel = (callId: string): string => `call-status:${callId}`;

/**
 * Tells whoever listens (the live-call page's SSE stream) that a call's status changed: Redis
 * pub/sub, so that a change made by the worker reaches the HTTP process holding the browser.
 * Fire and forget: a missed message costs a refresh, never the call's data.
 */
@Injectable()
export class CallStatusNotifier {
  private readonly logger = new Logger(CallStatusNotifier.name);

  constructor(private readonly redis: RedisService) {}

  async publish(change: CallStatusChange): Promise<void> {
    try {
      await this.redis.client.publish(callStatusChannel(change.callId), JSON.stringify(change));
    } catch (err) {
      this.logger.warn({ callId: change.callId, status: change.status, err: (err as Error).message }, 'call status change not published');
    }
  }
}
