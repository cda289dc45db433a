import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { RedisService } from '../redis/redis.service';
import { JobRegistry } from './job-registry';
import { JOB_QUEUES, JobName, jobsFor, SCHEDULED_JOBS } from './jobs';
import { JobsService } from './jobs.service';
import { ALL_QUEUES } from './queue-names';

/**
 * Consumer side: one BullMQ worker per queue, dispatching each job to its one handler.
 * Started by the worker entry point, or inside the HTTP process when WORKERS=inline.
 */
@Injectable()
export class WorkerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private workers: Worker[] = [];

  constructor(
    private readonly registry: JobRegistry,
    private readonly redis: RedisService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  get running(): boolean {
    return this.workers.length > 0;
  }

  async start(): Promise<void> {
    const handlers = this.registry.resolve(jobsFor(this.config));
    const concurrency = this.config.env.WORKER_CONCURRENCY;
    this.workers = ALL_QUEUES.map((queueName) => {
      const worker = new Worker(
        queueName,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler || JOB_QUEUES[job.name as JobName] !== queueName) {
            throw new Error(`No handler for job "${job.name}" on queue "${queueName}"`);
          }
          return handler(job.data, { jobId: job.id!, attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 });
        },
        { connection: this.redis.createBlockingConnection(), concurrency, autorun: true },
      );
      worker.on('failed', (job, err) =>
        this.logger.warn({ queue: queueName, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed'),
      );
      worker.on('error', (err) => this.logger.warn({ queue: queueName, err: err.message }, 'worker error'));
      return worker;
    });
    for (const scheduled of SCHEDULED_JOBS) {
      await this.jobs
        .queue(JOB_QUEUES[scheduled.name])
        .upsertJobScheduler(`every:${scheduled.name}`, { every: scheduled.everyMs }, { name: scheduled.name, data: scheduled.payload() });
    }
    this.logger.log(`processing ${ALL_QUEUES.join(', ')} with concurrency ${concurrency}`);
  }

  /** Stop taking new jobs and wait for the ones in flight. */
  async stop(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.allSettled(workers.map((w) => w.close()));
  }

  /**
   * Before the shutdown hooks that close Redis connections and queues: jobs in flight must
   * finish (and be marked completed in Redis) while their connections are still open.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
