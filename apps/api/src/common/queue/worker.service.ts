import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { BullRegistrar } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Counter } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { ErrorTracker } from '../observability/error-tracker';
import { Metrics } from '../observability/metrics';
import { RedisService } from '../redis/redis.service';
import { JOB_QUEUES, JobName, jobsOn, SCHEDULED_JOBS } from './jobs';
import { JobsService } from './jobs.service';
import { QueueProcessor } from './queue-processor';
import { concurrencyOf, QueueName, queuesFor } from './queues';

export class JobRegistryError extends Error {}

/** The id of a repeating job's scheduler in its queue. */
export const schedulerIdOf = (name: JobName): string => `every:${name}`;

/**
 * Whether a scheduler is registered. BullMQ 5's getJobScheduler answers an id with a colon (ours:
 * `every:<job>`) even when it is missing — it reads it as a legacy repeat key — but then with no
 * `next` run: a registered scheduler always has one.
 */
export async function schedulerExists(queue: Queue, id: string): Promise<boolean> {
  const scheduler = await queue.getJobScheduler(id);
  return typeof scheduler?.next === 'number';
}

/**
 * What the worker refuses to start with: a queue of this mode with no processor or with two, a
 * processor for a queue that does not exist in this mode, a job with no handler or one handled on
 * the wrong queue. (Handlers are typed per queue, so most of this cannot compile; this catches
 * what the compiler cannot see: a processor left out of its module, or registered twice.)
 */
export function checkProcessors(processors: Pick<QueueProcessor, 'queue' | 'handledJobs'>[], queues: QueueName[]): void {
  const problems: string[] = [];
  const byQueue = new Map<QueueName, string[]>();
  for (const p of processors) byQueue.set(p.queue, [...(byQueue.get(p.queue) ?? []), p.constructor.name]);
  for (const queue of queues) {
    const found = byQueue.get(queue) ?? [];
    if (found.length === 0) problems.push(`queue "${queue}" has no processor (jobs: ${jobsOn(queue).join(', ')})`);
    if (found.length > 1) problems.push(`queue "${queue}" has ${found.length} processors: ${found.join(', ')}`);
  }
  for (const [queue, names] of byQueue) {
    if (!queues.includes(queue)) problems.push(`${names.join(', ')} process queue "${queue}", which does not exist in this mode`);
  }
  for (const p of processors) {
    const handled = new Set(p.handledJobs());
    for (const job of jobsOn(p.queue)) if (!handled.has(job)) problems.push(`job "${job}" has no handler in ${p.constructor.name}`);
    for (const job of handled) {
      if (JOB_QUEUES[job] !== p.queue) problems.push(`${p.constructor.name} handles "${job}", a job of queue "${JOB_QUEUES[job] ?? 'none'}"`);
    }
  }
  if (problems.length) throw new JobRegistryError(`The job registry is not consistent:\n  ${problems.join('\n  ')}`);
}

/**
 * The consumer side: checks the processors, then has @nestjs/bullmq create their workers (it is
 * configured for manual registration, so an HTTP process with WORKERS=off never consumes), sets
 * each queue's concurrency from its tier, and schedules the repeating jobs. Started by the worker
 * entry point, or inside the HTTP process when WORKERS=inline.
 *
 * The schedulers live in Redis: a Redis replaced by an empty one (a failover that lost its data)
 * loses them, and no repeat would ever run again. So each worker checks them on a plain timer
 * (SCHEDULER_CHECK_INTERVAL_MS) and when its queue connection is ready again after a reconnect,
 * and registers only the missing ones: an upsert of a scheduler that does not exist runs its job at
 * once (BullMQ 5: the first `every` iteration is due now), which is what a lost sweeper needs, but
 * an upsert on every tick of one that exists would only churn its next job.
 */
@Injectable()
export class WorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private processors: QueueProcessor[] = [];
  private started = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly registrar: BullRegistrar,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly tracker: ErrorTracker,
    private readonly redis: RedisService,
    metrics: Metrics,
  ) {
    this.jobsFailed = metrics.counter({ name: 'queue_jobs_failed_total', help: 'Jobs that failed their last attempt (left failed), by queue', labelNames: ['queue'] });
    this.schedulersRestored = metrics.counter({
      name: 'queue_schedulers_restored_total',
      help: 'Repeating-job schedulers found missing in Redis and registered again, by job',
      labelNames: ['job'],
    });
  }

  private readonly jobsFailed: Counter<'queue'>;
  private readonly schedulersRestored: Counter<'job'>;
  private schedulerTimer: NodeJS.Timeout | null = null;
  private checking: Promise<string[]> | null = null;
  private readonly onQueueConnectionReady = () => void this.ensureSchedulers().catch(() => undefined);

  get running(): boolean {
    return this.processors.length > 0;
  }

  /** The processors of this process (found among the providers). */
  findProcessors(): QueueProcessor[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is QueueProcessor => instance instanceof QueueProcessor);
  }

  async start(): Promise<void> {
    if (this.started) return;
    const processors = this.findProcessors();
    const queues = queuesFor({ sandbox: this.config.isSandbox });
    checkProcessors(processors, queues);
    this.started = true;
    this.registrar.register();
    const total = this.config.env.WORKER_CONCURRENCY;
    const summary: string[] = [];
    for (const processor of processors) {
      const worker = processor.worker;
      if (worker.name !== processor.queue) throw new JobRegistryError(`${processor.constructor.name} says queue "${processor.queue}" but its @Processor names "${worker.name}"`);
      worker.concurrency = concurrencyOf(processor.queue, total);
      summary.push(`${processor.queue} ×${worker.concurrency}`);
      worker.on('failed', (job, err) => {
        this.logger.warn({ queue: processor.queue, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed');
        // Retried jobs are not news; one that failed its last attempt stays failed until someone looks.
        const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
        if (final) {
          this.jobsFailed.inc({ queue: processor.queue });
          this.tracker.captureException(err, { queue: processor.queue, job: job?.name, jobId: job?.id, attempts: job?.attemptsMade });
        }
      });
      worker.on('error', (err) => this.logger.warn({ queue: processor.queue, err: err.message }, 'worker error'));
    }
    this.processors = processors;
    // At start-up every scheduler is upserted (a changed period takes effect); afterwards only the missing ones.
    for (const scheduled of this.scheduledJobs()) await this.upsertScheduler(scheduled);
    this.schedulerTimer = setInterval(this.onQueueConnectionReady, this.config.env.SCHEDULER_CHECK_INTERVAL_MS);
    this.schedulerTimer.unref();
    this.redis.queueConnection.on('ready', this.onQueueConnectionReady);
    this.logger.log(`processing ${summary.join(', ')} (WORKER_CONCURRENCY ${total})`);
  }

  /** The repeating jobs of this process's queues. */
  private scheduledJobs(): (typeof SCHEDULED_JOBS)[number][] {
    const queues = queuesFor({ sandbox: this.config.isSandbox });
    return SCHEDULED_JOBS.filter((scheduled) => queues.includes(JOB_QUEUES[scheduled.name]));
  }

  private upsertScheduler(scheduled: (typeof SCHEDULED_JOBS)[number]): Promise<unknown> {
    return this.jobs.queueOf(scheduled.name).upsertJobScheduler(schedulerIdOf(scheduled.name), { every: scheduled.everyMs }, { name: scheduled.name, data: {} });
  }

  /**
   * Registers again the schedulers that are missing from Redis; the jobs whose schedulers were
   * restored. One check at a time (a tick and a reconnect may coincide).
   */
  ensureSchedulers(): Promise<string[]> {
    if (!this.started || this.processors.length === 0) return Promise.resolve([]);
    this.checking ??= this.restoreMissingSchedulers().finally(() => (this.checking = null));
    return this.checking;
  }

  private async restoreMissingSchedulers(): Promise<string[]> {
    const restored: string[] = [];
    try {
      for (const scheduled of this.scheduledJobs()) {
        if (await schedulerExists(this.jobs.queueOf(scheduled.name), schedulerIdOf(scheduled.name))) continue;
        await this.upsertScheduler(scheduled);
        restored.push(scheduled.name);
        this.schedulersRestored.inc({ job: scheduled.name });
        this.logger.warn({ job: scheduled.name, everyMs: scheduled.everyMs }, 'repeating job scheduler was missing from Redis: registered again');
      }
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'could not check the repeating job schedulers (checked again on the next tick)');
    }
    return restored;
  }

  /** Stop taking new jobs and wait for the ones in flight. */
  async stop(): Promise<void> {
    if (this.schedulerTimer) clearInterval(this.schedulerTimer);
    this.schedulerTimer = null;
    this.redis.queueConnection.off('ready', this.onQueueConnectionReady);
    const processors = this.processors;
    this.processors = [];
    await Promise.allSettled(processors.map((p) => p.worker.close()));
  }

  /**
   * Before the shutdown hooks that close Redis connections and queues: jobs in flight must
   * finish (and be marked completed in Redis) while their connections are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
