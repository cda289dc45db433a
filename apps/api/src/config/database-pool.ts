import { concurrencyOf, type QueueName, queuesFor } from '../common/queue/queues';
import { type Env, InvalidEnvironmentError } from './env.schema';

/**
 * What a process runs, which decides what holds its Postgres connections:
 * - `api`: HTTP only (`WORKERS=off`, `node dist/apps/api/main.js`);
 * - `worker`: jobs only (`node dist/apps/api/worker.js`);
 * - `single`: both (`WORKERS=inline`, what `npm start` runs).
 */
export type ProcessKind = 'api' | 'worker' | 'single';

/** Connections kept beside the jobs and requests: health checks, metrics scrapes, start-up's own statements. */
export const POOL_RESERVE = 2;

export interface DatabasePoolPlan {
  kind: ProcessKind;
  /** The pool's size: DATABASE_POOL_SIZE when set (never below `needed`), else `needed`. */
  size: number;
  /** jobs + http + reserve: what the process can ask for at once. */
  needed: number;
  /** Σ of the queues' concurrency: every job holds at most one connection at a time. */
  jobs: number;
  /** DATABASE_HTTP_CONNECTIONS when the process serves HTTP, else 0. */
  http: number;
  reserve: number;
  /** Each queue's concurrency in this process (empty for `api`). */
  perQueue: Partial<Record<QueueName, number>>;
}

/**
 * The one place where the pool and the queues' concurrency meet. A job holds at most one
 * connection at a time (the webhook dispatcher runs its after-commit effects once its connection
 * is back), so a pool as large as the jobs' concurrency plus the HTTP share never makes a job wait
 * for a connection — a wait that pg gives up after 5 s (`connectionTimeoutMillis`). The pool is
 * sized from the concurrency unless DATABASE_POOL_SIZE says otherwise; a DATABASE_POOL_SIZE below
 * what the process needs stops the boot, naming the numbers.
 */
export function databasePoolPlan(env: Pick<Env, 'WORKER_CONCURRENCY' | 'DATABASE_HTTP_CONNECTIONS' | 'DATABASE_POOL_SIZE' | 'PROVIDERS'>, kind: ProcessKind): DatabasePoolPlan {
  const runsJobs = kind !== 'api';
  const perQueue: Partial<Record<QueueName, number>> = {};
  if (runsJobs) for (const queue of queuesFor({ sandbox: env.PROVIDERS === 'sandbox' })) perQueue[queue] = concurrencyOf(queue, env.WORKER_CONCURRENCY);
  const jobs = Object.values(perQueue).reduce((sum, n) => sum + (n ?? 0), 0);
  const http = kind === 'worker' ? 0 : env.DATABASE_HTTP_CONNECTIONS;
  const needed = jobs + http + POOL_RESERVE;
  if (env.DATABASE_POOL_SIZE !== undefined && env.DATABASE_POOL_SIZE < needed) {
    const parts = [
      ...(runsJobs ? [`${jobs} for jobs (WORKER_CONCURRENCY ${env.WORKER_CONCURRENCY}: ${Object.entries(perQueue).map(([q, n]) => `${q} ${n}`).join(', ')})`] : []),
      ...(http ? [`${http} for HTTP requests (DATABASE_HTTP_CONNECTIONS)`] : []),
      `${POOL_RESERVE} reserved`,
    ];
    throw new InvalidEnvironmentError(
      `Invalid environment configuration:\n  DATABASE_POOL_SIZE: ${env.DATABASE_POOL_SIZE} is too small for this ${describe(kind)}, which can ask for ${needed} connections at once: ${parts.join(' + ')}. ` +
        'Unset DATABASE_POOL_SIZE to size the pool from these, or lower WORKER_CONCURRENCY / DATABASE_HTTP_CONNECTIONS.',
    );
  }
  return { kind, size: env.DATABASE_POOL_SIZE ?? needed, needed, jobs, http, reserve: POOL_RESERVE, perQueue };
}

function describe(kind: ProcessKind): string {
  return kind === 'api' ? 'api process (WORKERS=off)' : kind === 'worker' ? 'worker process' : 'single process (HTTP with the job processors inline)';
}
