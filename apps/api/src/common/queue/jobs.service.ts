import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { RedisService } from '../redis/redis.service';
import { JOB_QUEUES, JobName, JobPayloads } from './jobs';
import { ALL_QUEUES, QueueName } from './queue-names';

export interface EnqueueOptions {
  /** The idempotency key: a job with the same id is not added twice while it exists. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 5000 },
  // Failed jobs stay for inspection in the queue dashboard.
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Producer side of the queues: typed `enqueue(name, payload)`. */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  readonly queues: Map<QueueName, Queue>;

  constructor(redis: RedisService) {
    const connection = redis.createProducerConnection();
    this.queues = new Map(
      ALL_QUEUES.map((name) => [name, new Queue(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS })]),
    );
  }

  queue(name: QueueName): Queue {
    return this.queues.get(name)!;
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const job = await this.queue(JOB_QUEUES[name]).add(name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
    });
    return job.id!;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }
}
