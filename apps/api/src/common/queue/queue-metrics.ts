import { Injectable } from '@nestjs/common';
import { Metrics } from '../observability/metrics';
import { JobsService } from './jobs.service';

/** The states whose counts are exported (finished jobs are kept for inspection, not work to do). */
const COUNTED_STATES = ['waiting', 'prioritized', 'delayed', 'active', 'failed'] as const;

interface QueueReading {
  queue: string;
  counts: Record<string, number>;
  oldestWaitingSeconds: number;
}

/**
 * Queue depth and age, read from Redis when Prometheus scrapes (never on a request's path):
 * `queue_jobs{queue,state}` and `queue_oldest_waiting_seconds{queue}`, the age of the job that has
 * waited longest to start (0 when none waits). Both gauges of one scrape share one reading. A queue
 * Redis cannot answer for is left out of that scrape rather than failing it.
 */
@Injectable()
export class QueueMetrics {
  private reading?: { at: number; result: Promise<QueueReading[]> };

  constructor(
    private readonly jobs: JobsService,
    metrics: Metrics,
  ) {
    const read = () => this.read();
    metrics.gauge({
      name: 'queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      async collect() {
        this.reset();
        for (const r of await read()) for (const state of COUNTED_STATES) this.set({ queue: r.queue, state }, r.counts[state] ?? 0);
      },
    });
    metrics.gauge({
      name: 'queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting to start, by queue (0 when none waits)',
      labelNames: ['queue'],
      async collect() {
        this.reset();
        for (const r of await read()) this.set({ queue: r.queue }, r.oldestWaitingSeconds);
      },
    });
  }

  /** One reading per scrape (the gauges are collected one after the other, within the second). */
  private read(): Promise<QueueReading[]> {
    const now = Date.now();
    if (this.reading && now - this.reading.at < 1000) return this.reading.result;
    const result = Promise.all(
      this.jobs.queues().map(async (queue): Promise<QueueReading | null> => {
        try {
          const counts = await queue.getJobCounts(...COUNTED_STATES);
          const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
          return { queue: queue.name, counts, oldestWaitingSeconds: oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0 };
        } catch {
          // Redis down: this queue is missing from the scrape, which is itself the signal.
          return null;
        }
      }),
    ).then((readings) => readings.filter((r): r is QueueReading => r !== null));
    this.reading = { at: now, result };
    return result;
  }
}
