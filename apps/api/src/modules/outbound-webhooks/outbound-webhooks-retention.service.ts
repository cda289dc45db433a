import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { inBatches } from '../../database/batches';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';

/** How long events and their delivery log are kept once nothing is left to send. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 3600_000;
/** Events per statement: each takes its deliveries and their attempts with it (up to 8 per endpoint). */
const EVENTS_PER_BATCH = 1000;

/** The outbound-webhooks module's retention (README.md, "Retention"), run by the retention job. */
@Injectable()
export class OutboundWebhooksRetention {
  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly clock: Clock,
  ) {}

  /** Deletes events older than 30 days with nothing left to send, their deliveries and log with them, in batches. */
  prune(batchSize = EVENTS_PER_BATCH): Promise<{ events: number }> {
    const before = new Date(this.clock.now().getTime() - DELIVERY_LOG_RETENTION_MS);
    return inBatches((limit) => this.deliveries.purgeSettled(before, limit), batchSize).then((events) => ({ events }));
  }
}
