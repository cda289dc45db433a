import { Injectable, Logger } from '@nestjs/common';
import type { WebhookAttemptTrigger } from '@beaker/contracts';
import { type AuditActor, AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import type { JobMeta } from '../../common/queue/queue-processor';
import { Connection, Database } from '../../database/database';
import { isTransientDatabaseError } from '../../database/pg-errors';
import { PermanentWebhookError, WebhookEventView, WebhookHandlerRegistry } from './webhook-handler.registry';
import { ClaimedWebhookEvent, WebhooksRepository } from './webhooks.repository';
import { WebhookMetrics } from './webhook-metrics';

/** Attempts before an event whose handler fails stays failed (kept, replayable). The queue's backoff spaces them 1 s, 2 s. */
export const MAX_WEBHOOK_ATTEMPTS = 3;
/**
 * When the database failed rather than the handler (a restart, a failover: isTransientDatabaseError),
 * the attempt does not count against MAX_WEBHOOK_ATTEMPTS: the event stays pending and is tried
 * again — three times by the queue (0, 1 s, 2 s), then by the sweeper every 30 s — until this long
 * after it was received, when it is left failed (alerted, replayable). Longer than a ten-minute outage.
 */
export const TRANSIENT_RETRY_WINDOW_MS = 15 * 60_000;
/** An event held by someone else is looked at again this much later. */
export const BUSY_RECHECK_MS = 30_000;

/**
 * What became of one request to process an event:
 * completed / ignored / failed: this attempt's outcome; retry: failed, the queue tries again;
 * busy: another live process holds the event right now; skipped: nothing to do (done, or unknown id).
 */
export type DispatchOutcome = 'completed' | 'ignored' | 'failed' | 'retry' | 'busy' | 'skipped';

export class WebhookRetryLater extends Error {}

interface DispatchOptions {
  trigger: WebhookAttemptTrigger;
  lastTry?: boolean;
  /** A staff replay: its audit line (webhook_event.replay) commits with the attempt's outcome. */
  replayedBy?: AuditActor;
}

/**
 * Processes stored events: one at a time per event, effects exactly once.
 *
 * - A session advisory lock on the event (on the connection that does the work) says "a live
 *   process is on it"; a process that dies loses its connection and with it the lock, so the next
 *   attempt knows that a row left in `processing` belongs to no one.
 * - The claim (status processing, attempts + 1) is committed first, so staff and the sweeper see it.
 * - The handler's effects and the event's completion commit in one transaction: a crash or
 *   an error rolls both back, and the retry starts from a clean state.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly db: Database,
    private readonly events: WebhooksRepository,
    private readonly handlers: WebhookHandlerRegistry,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly metrics: WebhookMetrics,
  ) {}

  /** The process-webhook-event job. */
  async processJob(payload: JobPayloads[JobName.ProcessWebhookEvent], meta: JobMeta): Promise<{ outcome: DispatchOutcome }> {
    const lastTry = meta.attemptsMade + 1 >= meta.maxAttempts;
    let outcome: DispatchOutcome;
    try {
      outcome = await this.process(payload.webhookEventId, { trigger: 'queue', lastTry });
    } catch (err) {
      // The database is away: the row is still pending, and the sweeper enqueues it again once it is
      // back. The job's last try ends quietly rather than as one failed job per event of the outage.
      if (lastTry && isTransientDatabaseError(err)) {
        this.logger.warn({ webhookEventId: payload.webhookEventId, err: (err as Error).message }, 'database unavailable; the sweeper will take the event up again');
        return { outcome: 'retry' };
      }
      throw err;
    }
    // Thrown so that the queue retries with its exponential backoff; the row already says pending + last error.
    // (On the job's last try, only a database failure still says retry: the sweeper takes it from there.)
    if (outcome === 'retry' && !lastTry) throw new WebhookRetryLater(`webhook event ${payload.webhookEventId} failed; retrying`);
    // Someone holds the event: a live process (it will finish), or the connection of a dead one that
    // the database has not let go of yet. Look again later rather than trust either.
    if (outcome === 'busy') {
      await this.jobs.enqueue(JobName.ProcessWebhookEvent, payload, { jobId: `${payload.webhookEventId}-recheck-${Date.now()}`, delayMs: BUSY_RECHECK_MS });
    }
    return { outcome };
  }

  /**
   * One connection per event, and only one: the handler's after-commit effects (which may use the
   * database: provisioning, replaying other events) run once that connection is back in the pool.
   * Holding it while they wait for a second one would let N jobs on a pool of N wait on each other.
   */
  async process(id: string, options: DispatchOptions): Promise<DispatchOutcome> {
    const afterCommit: (() => unknown)[] = [];
    const outcome = await this.db.withConnection(async (connection) => {
      if (!(await this.events.tryLock(id, connection.tx))) return 'busy';
      try {
        return await this.processLocked(connection, id, options, afterCommit);
      } finally {
        await this.events.unlock(id, connection.tx).catch((err: Error) => {
          // The connection is gone, and its lock with it.
          this.logger.warn({ webhookEventId: id, err: err.message }, 'could not release the webhook event lock');
        });
      }
    });
    // Only a committed attempt leaves effects here (a failure clears them).
    for (const effect of afterCommit) {
      try {
        await effect();
      } catch (err) {
        this.logger.warn({ webhookEventId: id, err: (err as Error).message }, 'an after-commit effect failed');
      }
    }
    return outcome;
  }

  private async processLocked(connection: Connection, id: string, options: DispatchOptions, afterCommit: (() => unknown)[]): Promise<DispatchOutcome> {
    const tx = connection.tx;
    const startedAt = this.clock.now();
    const row = await this.events.claim(id, startedAt, options.trigger === 'replay', tx);
    if (!row) return 'skipped';

    let outcome: 'completed' | 'ignored';
    try {
      // Provider reads a handler needs, before the transaction opens (no provider call inside one).
      const prepare = this.handlers.preparationFor(row.provider, row.event_type);
      const prepared = prepare ? await prepare(this.viewOf(row)) : undefined;
      await connection.begin();
      if (row.prior_status === 'processing') {
        await this.events.recordAttempt(
          { eventId: id, attempt: row.attempts - 1, trigger: options.trigger, outcome: 'interrupted', error: 'the process handling it stopped', startedAt: row.prior_updated_at, finishedAt: startedAt },
          tx,
        );
      }
      const handler = this.handlers.handlerFor(row.provider, row.event_type);
      if (!handler) {
        await this.finish(connection, row, options.trigger, 'ignored', startedAt);
        await this.recordReplay(options, row, 'ignored', null, connection);
        await connection.commit();
        return 'ignored';
      }
      const result = await handler({ event: this.viewOf(row), tx, afterCommit: (fn) => afterCommit.push(fn), trigger: options.trigger, prepared });
      outcome = result === 'ignored' ? 'ignored' : 'completed';
      await this.finish(connection, row, options.trigger, outcome, startedAt);
      await this.recordReplay(options, row, outcome, null, connection);
      await connection.commit();
      if (options.trigger !== 'replay') this.metrics.processed(row.provider, row.received_at);
    } catch (err) {
      // Whatever failed after the claim, the row must not stay "processing" with no one on it.
      afterCommit.length = 0;
      if (connection.inTransaction) await connection.rollback().catch(() => undefined);
      return this.fail(connection, row, options, err, startedAt);
    }
    return outcome;
  }

  private viewOf(row: ClaimedWebhookEvent): WebhookEventView {
    return { id: row.id, provider: row.provider, eventId: row.event_id, eventType: row.event_type, payload: row.payload, receivedAt: row.received_at, attempt: row.attempts };
  }

  private async finish(connection: Connection, row: ClaimedWebhookEvent, trigger: WebhookAttemptTrigger, outcome: 'completed' | 'ignored', startedAt: Date): Promise<void> {
    const now = this.clock.now();
    await this.events.finish(row.id, outcome, now, connection.tx);
    await this.events.recordAttempt({ eventId: row.id, attempt: row.attempts, trigger, outcome, error: null, startedAt, finishedAt: now }, connection.tx);
  }

  private async fail(connection: Connection, row: ClaimedWebhookEvent, options: DispatchOptions, err: unknown, startedAt: Date): Promise<DispatchOutcome> {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000) || 'error';
    const now = this.clock.now();
    // A database failure is not the handler's: it is retried until the window is over, whatever the count.
    const transient = isTransientDatabaseError(err) && !(err instanceof PermanentWebhookError);
    const final =
      options.trigger === 'replay' ||
      err instanceof PermanentWebhookError ||
      (transient ? now.getTime() - row.received_at.getTime() >= TRANSIENT_RETRY_WINDOW_MS : options.lastTry === true || row.attempts >= MAX_WEBHOOK_ATTEMPTS);
    // A staff replay's failure is still an action taken: its audit line commits with the failure.
    if (options.replayedBy) await connection.begin();
    try {
      await this.events.fail(row.id, final ? 'failed' : 'pending', message, now, connection.tx);
      await this.events.recordAttempt(
        { eventId: row.id, attempt: row.attempts, trigger: options.trigger, outcome: 'failed', error: message, startedAt, finishedAt: now },
        connection.tx,
      );
      await this.recordReplay(options, row, 'failed', message, connection);
      if (options.replayedBy) await connection.commit();
    } catch (writeErr) {
      if (connection.inTransaction) await connection.rollback().catch(() => undefined);
      throw writeErr;
    }
    this.logger.warn(
      { webhookEventId: row.id, provider: row.provider, type: row.event_type, attempt: row.attempts, final, err: message },
      final ? 'webhook event failed; kept for replay' : 'webhook event failed; will retry',
    );
    // Staff see a replay's failure as they make it; a delivery that gave up waits for someone to notice.
    if (final && options.trigger !== 'replay') this.metrics.failed({ id: row.id, provider: row.provider, eventType: row.event_type, error: message });
    return final ? 'failed' : 'retry';
  }

  /** The audit line of a staff replay, in the transaction that records the attempt's outcome. */
  private async recordReplay(options: DispatchOptions, row: ClaimedWebhookEvent, outcome: 'completed' | 'ignored' | 'failed', error: string | null, connection: Connection): Promise<void> {
    if (!options.replayedBy) return;
    await this.audit.record(
      {
        actor: options.replayedBy,
        action: 'webhook_event.replay',
        target: { type: 'webhook_event', id: row.id },
        before: { status: row.prior_status, attempts: row.attempts - 1 },
        after: { status: outcome, attempts: row.attempts },
        details: { provider: row.provider, eventId: row.event_id, eventType: row.event_type, outcome, ...(error ? { error } : {}) },
      },
      connection.tx,
    );
  }
}
