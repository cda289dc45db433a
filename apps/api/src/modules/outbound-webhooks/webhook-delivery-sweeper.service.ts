import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';

/** A due delivery is left to its own job this long before the sweeper steps in. */
export const SWEEP_GRACE_MS = 30_000;
const BATCH = 500;
/** How long events and their delivery log are kept once nothing is left to send. */
export const DELIVERY_LOG_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * Every 15 seconds: pending deliveries that are due (past the grace) and that no worker holds get
 * a job — their own was never enqueued (Redis was down when the event committed), was lost with
 * Redis, or its worker died. The swept job has its own id; if the original runs too, the claim
 * (attempt number and lease) lets only one of them send. Also deletes events older than 30 days
 * that have nothing left to send (with their delivery log).
 */
@Injectable()
export class WebhookDeliverySweeper {
  private readonly logger = new Logger(WebhookDeliverySweeper.name);

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  async sweep(options: { graceMs?: number } = {}): Promise<{ requeued: number; purged?: number }> {
    const now = this.clock.now();
    const purged = await this.deliveries.purgeSettled(new Date(now.getTime() - DELIVERY_LOG_RETENTION_MS), 5000);
    const due = await this.deliveries.due(new Date(now.getTime() - (options.graceMs ?? SWEEP_GRACE_MS)), now, BATCH);
    if (due.length === 0) return purged > 0 ? { requeued: 0, purged } : { requeued: 0 };
    const requeued = await this.jobs.requeueMany(
      JobName.DeliverWebhook,
      due.map((d) => ({ payload: { deliveryId: d.id, attempt: d.attempts + 1 }, jobId: `whs-${d.id}-${d.attempts + 1}` })),
    );
    if (requeued > 0) this.logger.warn({ requeued, due: due.length }, 'webhook deliveries enqueued by the sweeper');
    return purged > 0 ? { requeued, purged } : { requeued };
  }
}
