import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';

/** A due delivery is left to its own job this long before the sweeper steps in. */
export const SWEEP_GRACE_MS = 30_000;
const BATCH = 500;

/**
 * Every 15 seconds: pending deliveries that are due (past the grace) and that no worker holds get
 * a job — their own was never enqueued (Redis was down when the event committed), was lost with
 * Redis, or its worker died. The swept job has its own id; if the original runs too, the claim
 * (attempt number and lease) lets only one of them send. (Old events and their log are the
 * retention job's: OutboundWebhooksRetention.)
 */
@Injectable()
export class WebhookDeliverySweeper {
  private readonly logger = new Logger(WebhookDeliverySweeper.name);

  constructor(
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  async sweep(options: { graceMs?: number } = {}): Promise<{ requeued: number }> {
    const now = this.clock.now();
    const due = await this.deliveries.due(new Date(now.getTime() - (options.graceMs ?? SWEEP_GRACE_MS)), now, BATCH);
    if (due.length === 0) return { requeued: 0 };
    const requeued = await this.jobs.requeueMany(
      JobName.DeliverWebhook,
      due.map((d) => ({ payload: { deliveryId: d.id, attempt: d.attempts + 1 }, jobId: `whs-${d.id}-${d.attempts + 1}` })),
    );
    if (requeued > 0) this.logger.warn({ requeued, due: due.length }, 'webhook deliveries enqueued by the sweeper');
    return { requeued };
  }
}
