import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Provider } from '@beaker/contracts';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { isDataError } from '../../database/pg-errors';
import type { IdentifiedEvent } from './webhook-intake';
import { InsertedWebhookEvent, WebhooksRepository } from './webhooks.repository';

export interface NewWebhookEvent extends IdentifiedEvent {
  status: 'pending' | 'failed';
  lastError?: string;
  receivedAt: Date;
}

/** created: this delivery inserted the row (a job was asked for); false: a duplicate of a stored event. */
export interface RecordedEvent {
  id: string | null;
  created: boolean;
}

export interface WebhookEventStoreOptions {
  /** Most rows in one INSERT. */
  maxBatch: number;
  /** INSERTs in flight at once; while they are all busy, new rows gather into the next batch. */
  maxConcurrentWrites: number;
  /** An enqueue not answered by then is given up (logged); the sweeper enqueues the event later. */
  enqueueTimeoutMs: number;
}

export const DEFAULT_STORE_OPTIONS: WebhookEventStoreOptions = { maxBatch: 500, maxConcurrentWrites: 3, enqueueTimeoutMs: 2000 };

interface Waiter {
  event: NewWebhookEvent;
  resolve: (result: RecordedEvent) => void;
  reject: (err: unknown) => void;
}

const keyOf = (provider: Provider | string, eventId: string) => `${provider}\u0000${eventId}`;

/**
 * Durable first, grouped: concurrent deliveries are written by one multi-row
 * `INSERT … ON CONFLICT DO NOTHING` (one commit for many requests); every caller is answered as
 * soon as its row is committed. Then, after the commit, the new pending rows are enqueued by one
 * `addBulk` with jobId = row id, without holding the answers: a Redis failure or a slow Redis is
 * logged and swallowed, the rows are durable and the sweeper enqueues what was missed.
 * Batches form by themselves under load: rows gather while the writes in flight finish.
 */
@Injectable()
export class WebhookEventStore implements BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookEventStore.name);
  private waiting: Waiter[] = [];
  private writesInFlight = 0;
  private flushScheduled = false;
  /** Committed ids waiting for the queue, and the one addBulk in flight (they gather while it runs). */
  private toEnqueue: string[] = [];
  private enqueueInFlight: Promise<void> | null = null;
  private options: WebhookEventStoreOptions = DEFAULT_STORE_OPTIONS;

  constructor(
    private readonly events: WebhooksRepository,
    private readonly jobs: JobsService,
  ) {}

  configure(options: Partial<WebhookEventStoreOptions>): void {
    this.options = { ...this.options, ...options };
  }

  /** Enqueues still waiting finish (or time out) before the queue connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** Resolves once every committed row has been handed to the queue, or the attempt failed (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.enqueueInFlight) await this.enqueueInFlight;
  }

  record(event: NewWebhookEvent): Promise<RecordedEvent> {
    return new Promise<RecordedEvent>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.waiting.length === 0 || this.writesInFlight >= this.options.maxConcurrentWrites) return;
    this.flushScheduled = true;
    // setImmediate: the requests parsed in this turn of the event loop share one INSERT.
    setImmediate(() => {
      this.flushScheduled = false;
      while (this.waiting.length > 0 && this.writesInFlight < this.options.maxConcurrentWrites) {
        const batch = this.waiting.splice(0, this.options.maxBatch);
        this.writesInFlight++;
        void this.writeBatch(batch);
      }
    });
  }

  private async writeBatch(batch: Waiter[]): Promise<void> {
    let inserted: InsertedWebhookEvent[];
    // Several deliveries of one event in one batch: one row, and every one of them waits for it.
    const byKey = new Map<string, Waiter[]>();
    for (const w of batch) {
      const key = keyOf(w.event.provider, w.event.eventId);
      const list = byKey.get(key);
      if (list) list.push(w);
      else byKey.set(key, [w]);
    }
    const rows = [...byKey.values()].map((list) => list[0].event);
    try {
      inserted = await this.insertRows(rows);
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    } finally {
      this.writesInFlight--;
      this.scheduleFlush();
    }

    const insertedByKey = new Map(inserted.map((r) => [keyOf(r.provider, r.event_id), r.id]));
    for (const [key, waiters] of byKey) {
      const id = insertedByKey.get(key) ?? null;
      waiters.forEach((w, i) => w.resolve({ id, created: id !== null && i === 0 }));
    }

    for (const row of inserted) if (row.status === 'pending') this.toEnqueue.push(row.id);
    this.startEnqueue();
  }

  /**
   * One addBulk at a time: ids committed meanwhile gather into the next one. Each round trip to
   * Redis costs about the same for 1 job as for 100, and nobody waits for it.
   */
  private startEnqueue(): void {
    if (this.enqueueInFlight || this.toEnqueue.length === 0) return;
    const ids = this.toEnqueue.splice(0, this.options.maxBatch);
    this.enqueueInFlight = this.enqueue(ids).finally(() => {
      this.enqueueInFlight = null;
      this.startEnqueue();
    });
  }

  private async insertRows(rows: NewWebhookEvent[]): Promise<InsertedWebhookEvent[]> {
    try {
      return await this.events.insertMany(rows);
    } catch (err) {
      // A data error (e.g. \u0000, which jsonb refuses) fails the whole statement: retry the rows
      // one by one so that one odd payload does not refuse its neighbours.
      if (!isDataError(err)) throw err;
      if (rows.length > 1) return (await Promise.all(rows.map((row) => this.insertRows([row])))).flat();
      // Signed, parsed, but not storable as jsonb (e.g. \u0000, lone surrogates): keep the text,
      // failed, for staff to see; refusing it would only make the provider retry it forever.
      const row = rows[0];
      return this.events.insertMany([
        {
          ...row,
          payloadJson: JSON.stringify({ unstorableJson: row.payloadJson.replaceAll('\u0000', '\ufffd') }),
          status: 'failed',
          lastError: `the payload cannot be stored as jsonb: ${(err as Error).message}`,
        },
      ]);
    }
  }

  /** After commit; never throws: the rows are safe, and the sweeper enqueues what this misses. */
  private async enqueue(ids: string[]): Promise<void> {
    try {
      await this.jobs.enqueueBulk(
        JobName.ProcessWebhookEvent,
        ids.map((id) => ({ payload: { webhookEventId: id }, jobId: id })),
        { timeoutMs: this.options.enqueueTimeoutMs },
      );
    } catch (err) {
      this.logger.warn({ count: ids.length, err: (err as Error).message }, 'webhook events stored but not enqueued; the sweeper will enqueue them');
    }
  }
}
