import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobName, JOB_QUEUES } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';

/** Pending this long means its job was lost (Redis down at the time, or Redis lost its data). */
export const PENDING_GRACE_MS = 60_000;
/** Processing this long means the process handling it died without anyone noticing. */
export const PROCESSING_GRACE_MS = 10 * 60_000;
const SWEEP_BATCH = 500;

/**
 * At least once, never lost: every 30 s, events left pending for over a minute, or processing for
 * over ten, are enqueued again under their own job id. A job still waiting, delayed or active
 * under that id is left alone (no double work); a finished one is removed first, since the queue
 * would otherwise take the re-add for a duplicate.
 */
@Injectable()
export class WebhookSweeper {
  private readonly logger = new Logger(WebhookSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.SweepWebhookEvents)
  async sweepJob(): Promise<{ enqueued: number }> {
    return { enqueued: await this.sweep() };
  }

  /** Returns how many events it enqueued. */
  async sweep(): Promise<number> {
    const now = this.clock.now().getTime();
    let enqueued = 0;
    let after = new Date(0);
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; received_at: Date }[] = await this.db.query(
        `SELECT id, received_at FROM webhook_events
         WHERE status IN ('pending', 'processing')
           AND ((status = 'pending' AND received_at < $1) OR (status = 'processing' AND updated_at < $2))
           AND (received_at, id) > ($3, $4)
         ORDER BY received_at, id
         LIMIT ${SWEEP_BATCH}`,
        [new Date(now - PENDING_GRACE_MS), new Date(now - PROCESSING_GRACE_MS), after, afterId],
      );
      if (rows.length === 0) break;
      enqueued += await this.enqueue(rows.map((r) => r.id));
      after = rows[rows.length - 1].received_at;
      afterId = rows[rows.length - 1].id;
      if (rows.length < SWEEP_BATCH) break;
    }
    if (enqueued > 0) this.logger.log({ enqueued }, 'webhook events enqueued again by the sweeper');
    return enqueued;
  }

  private async enqueue(ids: string[]): Promise<number> {
    const name = JobName.ProcessWebhookEvent;
    const queue = this.jobs.queue(JOB_QUEUES[name]);
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    const toAdd: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const state = states[i];
      if (state === 'completed' || state === 'failed') {
        await queue.remove(ids[i]);
        toAdd.push(ids[i]);
      } else if (state === 'unknown') toAdd.push(ids[i]);
    }
    if (toAdd.length) await queue.addBulk(toAdd.map((id) => ({ name, data: { webhookEventId: id }, opts: { jobId: id } })));
    return toAdd.length;
  }
}
