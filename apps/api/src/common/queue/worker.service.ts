import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { BullRegistrar } from '@nestjs/bullmq';
import type { Counter } from 'prom-client';
import { AppConfig } from '../../config/app-config';
import { ErrorTracker } from '../observability/error-tracker';
import { Metrics } from '../observability/metrics';
import { JOB_QUEUES, jobsOn, SCHEDULED_JOBS } from './jobs';
import { JobsService } from './jobs.service';
import { QueueProcessor } from './queue-processor';
import { concurrencyOf, QueueName, queuesFor } from './queues';

export class JobRegistryError extends Error {}

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
    metrics: Metrics,
  ) {
    this.jobsFailed = metrics.counter({ name: 'queue_jobs_failed_total', help: 'Jobs that failed their last attempt (left failed), by queue', labelNames: ['queue'] });
  }

  private readonly jobsFailed: Counter<'queue'>;

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
    for (const scheduled of SCHEDULED_JOBS) {
      if (!queues.includes(JOB_QUEUES[scheduled.name])) continue;
      await this.jobs.queueOf(scheduled.name).upsertJobScheduler(`every:${scheduled.name}`, { every: scheduled.everyMs }, { name: scheduled.name, data: {} });
    }
    this.logger.log(`processing ${summary.join(', ')} (WORKER_CONCURRENCY ${total})`);
  }

  /** Stop taking new jobs and wait for the ones in flight. */
  async stop(): Promise<void> {
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
