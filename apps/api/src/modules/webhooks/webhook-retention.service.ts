import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { inBatches } from '../../database/batches';
import { WebhooksRepository } from './webhooks.repository';

const DAY_MS = 24 * 3600 * 1000;
/**
 * A processed event's payload is kept this long (staff's inspector shows it; a replay needs it).
 * Stripe redelivers for 3 days and lets its dashboard resend an event for 30 days at most
 * (later events can no longer be retrieved); Twilio and Vapi do not redeliver later than that either.
 */
export const KEEP_PROCESSED_PAYLOADS_MS = 30 * DAY_MS;
/**
 * The row itself (provider, event id, status: what makes a redelivery a duplicate), and a failed
 * event whole (payload included, until someone replays it), are kept this long after receipt.
 */
export const KEEP_WEBHOOK_EVENTS_MS = 90 * DAY_MS;

/** The webhooks module's retention (README.md, "Retention"), run by the retention job. */
@Injectable()
export class WebhookRetention {
  constructor(
    private readonly events: WebhooksRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Clears the payload of events processed (completed or ignored) over 30 days ago, and deletes
   * finished events (completed, ignored or failed) received over 90 days ago, with their attempts.
   * Pending and processing events are never touched.
   */
  async prune(batchSize?: number): Promise<{ payloadsCleared: number; webhookEvents: number }> {
    const now = this.clock.now().getTime();
    const processedBefore = new Date(now - KEEP_PROCESSED_PAYLOADS_MS);
    const receivedBefore = new Date(now - KEEP_WEBHOOK_EVENTS_MS);
    const webhookEvents = await inBatches((limit) => this.events.deleteFinishedReceivedBefore(receivedBefore, limit), batchSize);
    const payloadsCleared = await inBatches((limit) => this.events.clearPayloadsProcessedBefore(processedBefore, limit), batchSize);
    return { payloadsCleared, webhookEvents };
  }
}
