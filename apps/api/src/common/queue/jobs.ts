import { QueueName } from './queue-names';

/**
 * Every job the product runs: one name, one typed payload, one queue, exactly one handler
 * (a method decorated with @JobHandler(name)). The worker refuses to start otherwise.
 * Add a job by adding it to JobName, JobPayloads and JOB_QUEUES.
 */
export enum JobName {
  /** A smoke job that proves the worker is alive; used by the health and integration tests. */
  Ping = 'ping',
}

export interface JobPayloads {
  [JobName.Ping]: { at: string };
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.Ping]: QueueName.Low,
};

/** Repeating jobs the worker schedules at start-up (idempotent: keyed by name). */
export const SCHEDULED_JOBS: { name: JobName; everyMs: number; payload: () => unknown }[] = [];
