import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobPayloads, JobsOn } from './jobs';
import { QueueName } from './queues';

export interface JobMeta {
  jobId: string;
  attemptsMade: number;
  /** Attempts allowed in all; the handler may treat attemptsMade + 1 === maxAttempts as the last. */
  maxAttempts: number;
}

/** Exactly one handler for each job of queue Q, and nothing else (the compiler checks both). */
export type JobHandlers<Q extends QueueName> = {
  [N in JobsOn<Q>]: (payload: JobPayloads[N], meta: JobMeta) => Promise<unknown>;
};

export class UnknownJobError extends Error {}

/**
 * The base of every processor: a `@Processor(queue)` class (from @nestjs/bullmq) per module that
 * has jobs, in `modules/<module>/jobs/<module>.processor.ts`, dispatching each job of its queue
 * by name to its handler. Handlers delegate to the module's services; they hold no logic of
 * their own.
 *
 *   @Processor(QueueName.Trials)
 *   export class TrialsProcessor extends QueueProcessor<QueueName.Trials> {
 *     readonly queue = QueueName.Trials;
 *     constructor(private readonly expiry: TrialExpiry) { super(); }
 *     protected readonly handlers: JobHandlers<QueueName.Trials> = {
 *       [JobName.ExpireTrials]: () => this.expiry.expireDue(),
 *     };
 *   }
 */
export abstract class QueueProcessor<Q extends QueueName = QueueName> extends WorkerHost {
  /** The queue named in the class's @Processor (the worker checks that the two agree). */
  abstract readonly queue: Q;
  protected abstract readonly handlers: JobHandlers<Q>;

  /** The job names this processor handles (for the start-up check and the map). */
  handledJobs(): JobName[] {
    return Object.keys(this.handlers) as JobName[];
  }

  async process(job: Job): Promise<unknown> {
    const handler = (this.handlers as Record<string, ((payload: unknown, meta: JobMeta) => Promise<unknown>) | undefined>)[job.name];
    if (!handler) throw new UnknownJobError(`No handler for job "${job.name}" on queue "${this.queue}"`);
    return handler(job.data, { jobId: job.id!, attemptsMade: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1 });
  }
}
