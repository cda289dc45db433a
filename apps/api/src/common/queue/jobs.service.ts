import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '../../config/app-config';
import { RedisService } from '../redis/redis.service';
import { JOB_QUEUES, JobName, JobPayloads } from './jobs';
import { QueueName, queuesFor } from './queues';

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

/** An enqueue that cannot reach Redis now: fails at once rather than waiting for Redis to come back. */
export class QueueUnavailableError extends Error {}

/** How long an enqueue may wait for Redis before it is given up (the caller decides what then). */
export const ENQUEUE_TIMEOUT_MS = 2000;

/** The producer side of the queues: typed `enqueue(name, payload)`; the queue follows from the job's name. */
@Injectable()
export class JobsService {
  private readonly byName = new Map<QueueName, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
  ) {}

  /** The queues of this process's provider mode (the queue dashboard shows them). */
  queues(): Queue[] {
    return queuesFor({ sandbox: this.config.isSandbox }).map((name) => this.queue(name));
  }

  /** Each queue's job counts (staff's health page). */
  async countsByQueue(): Promise<{ name: string; waiting: number; active: number; delayed: number; failed: number; completed: number; paused: boolean }[]> {
    return Promise.all(
      this.queues().map(async (queue) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return {
          name: queue.name,
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
          paused: await queue.isPaused(),
        };
      }),
    );
  }

  queueOf(name: JobName): Queue {
    return this.queue(JOB_QUEUES[name]);
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions = {}): Promise<string> {
    const job = await this.whileReachable(() =>
      this.queueOf(name).add(name, payload, {
        jobId: options.jobId,
        delay: options.delayMs,
        attempts: options.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
      }),
    );
    return job.id!;
  }

  /** Many jobs of one name in one round trip (jobId per item, as with enqueue). */
  async enqueueBulk<N extends JobName>(name: N, items: { payload: JobPayloads[N]; jobId?: string }[], options: { timeoutMs?: number } = {}): Promise<void> {
    await this.whileReachable(
      () => this.queueOf(name).addBulk(items.map((item) => ({ name, data: item.payload, opts: { jobId: item.jobId } }))),
      options.timeoutMs,
    );
  }

  /**
   * Enqueues jobs under their ids again, except those still waiting, delayed or running: a finished
   * one is removed first (the queue would take the re-add for a duplicate). Returns how many were
   * enqueued.
   */
  async requeueMany<N extends JobName>(name: N, items: { payload: JobPayloads[N]; jobId: string }[]): Promise<number> {
    const queue = this.queueOf(name);
    const states = await this.whileReachable(() => Promise.all(items.map((item) => queue.getJobState(item.jobId))));
    const toAdd: typeof items = [];
    for (let i = 0; i < items.length; i++) {
      if (states[i] === 'completed' || states[i] === 'failed') {
        await this.whileReachable(() => queue.remove(items[i].jobId));
        toAdd.push(items[i]);
      } else if (states[i] === 'unknown') toAdd.push(items[i]);
    }
    if (toAdd.length > 0) await this.enqueueBulk(name, toAdd);
    return toAdd.length;
  }

  /** A queue itself (the dashboard shows it; tests look inside). Producers use enqueue. */
  queue(name: QueueName): Queue {
    let queue = this.byName.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.byName.set(name, queue);
    }
    return queue;
  }

  /**
   * The queues' connection retries across an outage (workers must survive one); a producer must
   * not hang on it: refused at once while Redis is down, and given up after ENQUEUE_TIMEOUT_MS.
   */
  private async whileReachable<T>(work: () => Promise<T>, timeoutMs = ENQUEUE_TIMEOUT_MS): Promise<T> {
    if (this.redis.queueConnection.status !== 'ready') throw new QueueUnavailableError(`Redis is not reachable (${this.redis.queueConnection.status})`);
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new QueueUnavailableError(`no answer from Redis within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
