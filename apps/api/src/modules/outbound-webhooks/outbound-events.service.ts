import { Injectable, Logger } from '@nestjs/common';
import { WEBHOOK_API_VERSION, type WebhookEventType } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { Database, type Tx } from '../../database/database';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';

export interface OutboundEventInput {
  businessId: string;
  type: WebhookEventType;
  /** The event's `data`: JSON, no secrets. */
  data: Record<string, unknown>;
  /** When the change happened (default: now). */
  at?: Date;
}

export const deliveryJobId = (deliveryId: string, attempt: number) => `whd-${deliveryId}-${attempt}`;

/**
 * The outbox, as other modules see it: `record(tx, event)` in the transaction of the change that
 * caused the event, so that the event exists exactly when the change does (never lost, never
 * invented). The same statement creates a pending delivery for each of the business's endpoints
 * that takes the type. Once the transaction has ended, the deliveries are handed to the queue; if
 * Redis cannot take them then, they stay pending in Postgres and the sweeper sends them.
 */
@Injectable()
export class OutboundEventsService {
  private readonly logger = new Logger(OutboundEventsService.name);

  constructor(
    private readonly db: Database,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  async record(tx: Tx, event: OutboundEventInput): Promise<string> {
    const now = this.clock.now();
    const { eventId, deliveryIds } = await this.deliveries.insertEvent(
      { businessId: event.businessId, type: event.type, apiVersion: WEBHOOK_API_VERSION, data: event.data, at: event.at ?? now, now },
      tx,
    );
    // Rolled back: the jobs find no delivery and do nothing.
    if (deliveryIds.length > 0) this.db.whenTransactionEnds(tx, () => void this.enqueue(deliveryIds));
    return eventId;
  }

  /** First attempts, now (a failure is logged: the sweeper finds the deliveries later). */
  async enqueue(deliveryIds: string[]): Promise<void> {
    try {
      await this.jobs.enqueueBulk(
        JobName.DeliverWebhook,
        deliveryIds.map((deliveryId) => ({ payload: { deliveryId, attempt: 1 }, jobId: deliveryJobId(deliveryId, 1) })),
      );
    } catch (err) {
      this.logger.warn({ deliveries: deliveryIds.length, err: (err as Error).message }, 'webhook deliveries not enqueued; the sweeper will send them');
    }
  }
}
