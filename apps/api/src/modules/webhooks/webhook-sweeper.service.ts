import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { WebhooksRepository } from './webhooks.repository';

/** Pending this long means its job was lost (Redis down at the time, or Redis lost its data). */
export const PENDING_GRACE_MS = 60_000;
/**
 * Processing this long with its lock free means the process handling it died: a live one holds the
 * event's advisory lock on its connection for as long as it works on it, and Postgres drops the lock
 * with the connection of a process that died. (A short floor, not a guess at how long work takes.)
 */
export const PROCESSING_LEASE_MS = 15_000;
const SWEEP_BATCH = 500;

/**
 * At least once, never lost: every 30 s, events left pending for over a minute, or processing for
 * over 15 s with no live process holding them, are enqueued again under their own job id. A job still waiting, delayed or active
 * under that id is left alone (no double work); a finished one is removed first, since the queue
 * would otherwise take the re-add for a duplicate.
 */
@Injectable()
export class WebhookSweeper {
  private readonly logger = new Logger(WebhookSweeper.name);

  constructor(
    private readonly events: WebhooksRepository,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  /** Returns how many events it enqueued. */
  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    let enqueued = 0;
    let after = { at: new Date(0), id: '00000000-0000-0000-0000-000000000000' };
    for (;;) {
      const rows = await this.events.findStranded(new Date(now - PENDING_GRACE_MS), new Date(now - PROCESSING_LEASE_MS), after, SWEEP_BATCH);
      if (rows.length === 0) break;
      enqueued += await this.jobs.requeueMany(
        JobName.ProcessWebhookEvent,
        rows.map((row) => ({ payload: { webhookEventId: row.id }, jobId: row.id })),
      );
      const last = rows[rows.length - 1];
      after = { at: last.received_at, id: last.id };
      if (rows.length < SWEEP_BATCH) break;
    }
    if (enqueued > 0) this.logger.log({ enqueued }, 'webhook events enqueued again by the sweeper');
    return enqueued;
  }
}
