import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { Provider } from '@beaker/contracts';
import { JobName, JOB_QUEUES } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import type { IdentifiedEvent } from './webhook-intake';

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

const INSERT_EVENTS = `
  INSERT INTO webhook_events (provider, event_id, event_type, payload, status, last_error, received_at, updated_at)
  SELECT x.provider, x.event_id, x.event_type, p.payload, x.status, x.last_error, x.received_at, x.received_at
  FROM unnest($1::text[], $2::text[], $3::text[], $5::text[], $6::text[], $7::timestamptz[]) WITH ORDINALITY
    AS x(provider, event_id, event_type, status, last_error, received_at, n)
  JOIN jsonb_array_elements($4::jsonb) WITH ORDINALITY AS p(payload, n) USING (n)
  ON CONFLICT (provider, event_id) DO NOTHING
  RETURNING id, provider, event_id, status`;

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
  private readonly pool: Pool;
  private waiting: Waiter[] = [];
  private writesInFlight = 0;
  private flushScheduled = false;
  /** Committed ids waiting for the queue, and the one addBulk in flight (they gather while it runs). */
  private toEnqueue: string[] = [];
  private enqueueInFlight: Promise<void> | null = null;
  private options: WebhookEventStoreOptions = DEFAULT_STORE_OPTIONS;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly jobs: JobsService,
  ) {
    // The raw pg pool under TypeORM: this is the hottest path of the product.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

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
    let inserted: InsertedRow[];
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

  private async insertRows(rows: NewWebhookEvent[]): Promise<InsertedRow[]> {
    try {
      return await this.insert(rows);
    } catch (err) {
      // A data error (e.g. \u0000, which jsonb refuses) fails the whole statement: retry the rows
      // one by one so that one odd payload does not refuse its neighbours.
      if (!isDataError(err)) throw err;
      if (rows.length > 1) return (await Promise.all(rows.map((row) => this.insertRows([row])))).flat();
      // Signed, parsed, but not storable as jsonb (e.g. \u0000, lone surrogates): keep the text,
      // failed, for staff to see; refusing it would only make the provider retry it forever.
      const row = rows[0];
      return this.insert([
        {
          ...row,
          payloadJson: JSON.stringify({ unstorableJson: row.payloadJson.replaceAll('\u0000', '\ufffd') }),
          status: 'failed',
          lastError: `the payload cannot be stored as jsonb: ${(err as Error).message}`,
        },
      ]);
    }
  }

  private async insert(rows: NewWebhookEvent[]): Promise<InsertedRow[]> {
    const result = await this.pool.query<InsertedRow>({
      name: 'webhook-events-insert',
      text: INSERT_EVENTS,
      values: [
        rows.map((r) => r.provider),
        rows.map((r) => r.eventId),
        rows.map((r) => r.eventType),
        // The payloads as one JSON array, joined as text: no per-payload escaping on our side.
        `[${rows.map((r) => r.payloadJson).join(',')}]`,
        rows.map((r) => r.status),
        rows.map((r) => r.lastError ?? null),
        rows.map((r) => r.receivedAt.toISOString()),
      ],
    });
    return result.rows;
  }

  /** After commit; never throws: the rows are safe, and the sweeper enqueues what this misses. */
  private async enqueue(ids: string[]): Promise<void> {
    const name = JobName.ProcessWebhookEvent;
    const queue = this.jobs.queue(JOB_QUEUES[name]);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        queue.addBulk(ids.map((id) => ({ name, data: { webhookEventId: id }, opts: { jobId: id } }))),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer from the queue within ${this.options.enqueueTimeoutMs} ms`)), this.options.enqueueTimeoutMs);
        }),
      ]);
    } catch (err) {
      this.logger.warn({ count: ids.length, err: (err as Error).message }, 'webhook events stored but not enqueued; the sweeper will enqueue them');
    } finally {
      clearTimeout(timer);
    }
  }
}

interface InsertedRow {
  id: string;
  provider: string;
  event_id: string;
  status: string;
}

function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('22');
}
