import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import type { Provider, WebhookAttemptOutcome, WebhookAttemptTrigger } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { queryRows } from '../../database/query-rows';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import type { JobMeta } from '../../common/queue/job-registry';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { PermanentWebhookError, WebhookEventView, WebhookHandlers } from './webhook-handlers';

/** Attempts before an event stays failed (kept, replayable). The queue's backoff spaces them 1 s, 2 s. */
export const MAX_WEBHOOK_ATTEMPTS = 3;
/** An event held by someone else is looked at again this much later. */
export const BUSY_RECHECK_MS = 30_000;

/**
 * What became of one request to process an event:
 * completed / ignored / failed: this attempt's outcome; retry: failed, the queue tries again;
 * busy: another live process holds the event right now; skipped: nothing to do (done, or unknown id).
 */
export type DispatchOutcome = 'completed' | 'ignored' | 'failed' | 'retry' | 'busy' | 'skipped';

export class WebhookRetryLater extends Error {}

interface ClaimedRow {
  id: string;
  provider: Provider;
  event_id: string;
  event_type: string;
  payload: unknown;
  received_at: Date;
  attempts: number;
  prior_status: string;
  prior_updated_at: Date;
}

/**
 * Processes stored events: one at a time per event, effects exactly once.
 *
 * - A session advisory lock on the event (on the connection that does the work) says "a live
 *   process is on it"; a process that dies loses its connection and with it the lock, so the next
 *   attempt knows that a row left in `processing` belongs to no one.
 * - The claim (status processing, attempts + 1) is committed first, so staff and the sweeper see it.
 * - The handler's effects and the event's completion commit in one transaction: a crash or an
 *   error rolls both back, and the retry starts from a clean state.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly handlers: WebhookHandlers,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
  ) {}

  @JobHandler(JobName.ProcessWebhookEvent)
  async processJob(payload: JobPayloads[JobName.ProcessWebhookEvent], meta: JobMeta): Promise<{ outcome: DispatchOutcome }> {
    const outcome = await this.process(payload.webhookEventId, { trigger: 'queue', lastTry: meta.attemptsMade + 1 >= meta.maxAttempts });
    // Thrown so that the queue retries with its exponential backoff; the row already says pending + last error.
    if (outcome === 'retry') throw new WebhookRetryLater(`webhook event ${payload.webhookEventId} failed; retrying`);
    // Someone holds the event: a live process (it will finish), or the connection of a dead one that
    // the database has not let go of yet. Look again later rather than trust either.
    if (outcome === 'busy') {
      await this.jobs.enqueue(JobName.ProcessWebhookEvent, payload, { jobId: `${payload.webhookEventId}-recheck-${Date.now()}`, delayMs: BUSY_RECHECK_MS });
    }
    return { outcome };
  }

  async process(id: string, options: { trigger: WebhookAttemptTrigger; lastTry?: boolean }): Promise<DispatchOutcome> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    let locked = false;
    try {
      const [lock] = await runner.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS locked`, [`webhook-event:${id}`]);
      locked = lock.locked === true;
      if (!locked) return 'busy';
      return await this.processLocked(runner, id, options);
    } finally {
      if (locked) {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 7))`, [`webhook-event:${id}`]).catch((err: Error) => {
          // The connection is gone, and its lock with it.
          this.logger.warn({ webhookEventId: id, err: err.message }, 'could not release the webhook event lock');
        });
      }
      await runner.release();
    }
  }

  private async processLocked(runner: QueryRunner, id: string, options: { trigger: WebhookAttemptTrigger; lastTry?: boolean }): Promise<DispatchOutcome> {
    const startedAt = this.clock.now();
    // pending, or processing left by a process that died (we hold the lock, so no one else has it);
    // a replay takes any status.
    const [row] = await queryRows<ClaimedRow>(
      runner,
      `WITH prior AS (SELECT status, updated_at FROM webhook_events WHERE id = $1)
       UPDATE webhook_events e SET status = 'processing', attempts = e.attempts + 1, updated_at = $2
       FROM prior
       WHERE e.id = $1 AND (e.status IN ('pending', 'processing') OR $3::boolean)
       RETURNING e.id, e.provider, e.event_id, e.event_type, e.payload, e.received_at, e.attempts,
                 prior.status AS prior_status, prior.updated_at AS prior_updated_at`,
      [id, startedAt, options.trigger === 'replay'],
    );
    if (!row) return 'skipped';

    const afterCommit: (() => unknown)[] = [];
    let outcome: 'completed' | 'ignored';
    try {
      await runner.startTransaction();
      if (row.prior_status === 'processing') {
        await this.recordAttempt(runner, id, row.attempts - 1, options.trigger, 'interrupted', 'the process handling it stopped', row.prior_updated_at, startedAt);
      }
      const handler = this.handlers.handlerFor(row.provider, row.event_type);
      if (!handler) {
        await this.finish(runner, row, options.trigger, 'ignored', startedAt);
        await runner.commitTransaction();
        return 'ignored';
      }
      const event: WebhookEventView = {
        id: row.id,
        provider: row.provider,
        eventId: row.event_id,
        eventType: row.event_type,
        payload: row.payload,
        receivedAt: row.received_at,
        attempt: row.attempts,
      };
      const result = await handler({ event, manager: runner.manager, afterCommit: (fn) => afterCommit.push(fn), trigger: options.trigger });
      outcome = result === 'ignored' ? 'ignored' : 'completed';
      await this.finish(runner, row, options.trigger, outcome, startedAt);
      await runner.commitTransaction();
    } catch (err) {
      // Whatever failed after the claim, the row must not stay "processing" with no one on it.
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      return this.fail(runner, row, options, err, startedAt);
    }
    for (const effect of afterCommit) {
      try {
        await effect();
      } catch (err) {
        this.logger.warn({ webhookEventId: id, err: (err as Error).message }, 'an after-commit effect failed');
      }
    }
    return outcome;
  }

  private async finish(runner: QueryRunner, row: ClaimedRow, trigger: WebhookAttemptTrigger, outcome: 'completed' | 'ignored', startedAt: Date): Promise<void> {
    const now = this.clock.now();
    await runner.query(
      `UPDATE webhook_events SET status = $2, processed_at = $3, last_error = NULL, updated_at = $3 WHERE id = $1`,
      [row.id, outcome, now],
    );
    await this.recordAttempt(runner, row.id, row.attempts, trigger, outcome, null, startedAt, now);
  }

  private async fail(
    runner: QueryRunner,
    row: ClaimedRow,
    options: { trigger: WebhookAttemptTrigger; lastTry?: boolean },
    err: unknown,
    startedAt: Date,
  ): Promise<DispatchOutcome> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000) || 'error';
    const final =
      options.trigger === 'replay' || options.lastTry === true || row.attempts >= MAX_WEBHOOK_ATTEMPTS || err instanceof PermanentWebhookError;
    const now = this.clock.now();
    await runner.query(`UPDATE webhook_events SET status = $2, last_error = $3, updated_at = $4 WHERE id = $1`, [
      row.id,
      final ? 'failed' : 'pending',
      message,
      now,
    ]);
    await this.recordAttempt(runner, row.id, row.attempts, options.trigger, 'failed', message, startedAt, now);
    this.logger.warn(
      { webhookEventId: row.id, provider: row.provider, type: row.event_type, attempt: row.attempts, final, err: message },
      final ? 'webhook event failed; kept for replay' : 'webhook event failed; will retry',
    );
    return final ? 'failed' : 'retry';
  }

  private async recordAttempt(
    runner: QueryRunner,
    eventId: string,
    attempt: number,
    trigger: WebhookAttemptTrigger,
    outcome: WebhookAttemptOutcome,
    error: string | null,
    startedAt: Date,
    finishedAt: Date,
  ): Promise<void> {
    await runner.query(
      `INSERT INTO webhook_event_attempts (webhook_event_id, attempt, trigger, outcome, error, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [eventId, Math.max(1, attempt), trigger, outcome, error, startedAt, finishedAt],
    );
  }
}
