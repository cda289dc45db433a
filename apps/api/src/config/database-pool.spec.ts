import { concurrencyOf, QueueName, queuesFor } from '../common/queue/queues';
import { databasePoolPlan, POOL_RESERVE } from './database-pool';
import { parseEnv } from './env.schema';

const sandbox = (extra: Record<string, string> = {}) => parseEnv({ PROVIDERS: 'sandbox', ...extra });

describe('database pool: sized from what the process runs', () => {
  it('gives a worker one connection per job it can run at once, plus the reserve (WORKER_CONCURRENCY 20, sandbox: 81 jobs)', () => {
    const plan = databasePoolPlan(sandbox(), 'worker');
    // Every queue the worker consumes, at the concurrency WorkerService sets on it.
    const expected = queuesFor({ sandbox: true }).reduce((sum, q) => sum + concurrencyOf(q, 20), 0);
    expect(plan.jobs).toBe(expected);
    expect(plan.jobs).toBe(81);
    expect(plan.perQueue[QueueName.Webhooks]).toBe(10);
    expect(plan.perQueue[QueueName.OutboundWebhooks]).toBe(28);
    expect(plan).toMatchObject({ http: 0, reserve: POOL_RESERVE, needed: 81 + POOL_RESERVE, size: 81 + POOL_RESERVE });
  });

  it('leaves the sandbox queue out in live mode', () => {
    const live = parseEnv({ PROVIDERS: 'live', STRIPE_API_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: '0123456789abcdef01', VAPI_API_KEY: 'v', VAPI_WEBHOOK_SECRET: 'vapi-0123456789abcdef', SESSION_SECRET: 'a-real-session-secret-of-at-least-32-characters' });
    const plan = databasePoolPlan(live, 'worker');
    expect(plan.perQueue[QueueName.Sandbox]).toBeUndefined();
    expect(plan.jobs).toBe(81 - 7);
  });

  it('gives an api process (WORKERS=off) its HTTP share only, and a single process both', () => {
    expect(databasePoolPlan(sandbox(), 'api')).toMatchObject({ jobs: 0, http: 10, size: 10 + POOL_RESERVE });
    expect(databasePoolPlan(sandbox({ DATABASE_HTTP_CONNECTIONS: '4' }), 'single')).toMatchObject({ jobs: 81, http: 4, size: 81 + 4 + POOL_RESERVE });
  });

  it('follows WORKER_CONCURRENCY', () => {
    // 6 → critical 3, default 2 (outbound webhooks 8), low 1: 3+3 + 2+8+2+2 + 1+1+1+1.
    expect(databasePoolPlan(sandbox({ WORKER_CONCURRENCY: '6' }), 'worker').jobs).toBe(24);
  });

  it('keeps a DATABASE_POOL_SIZE that is large enough', () => {
    expect(databasePoolPlan(sandbox({ DATABASE_POOL_SIZE: '200' }), 'single').size).toBe(200);
    expect(databasePoolPlan(sandbox({ DATABASE_POOL_SIZE: '12' }), 'api').size).toBe(12);
  });

  it('refuses a DATABASE_POOL_SIZE below what the process can ask for, naming the numbers', () => {
    // The old default: a pool of 20 under 3 queues × 20 and the HTTP requests.
    expect(() => databasePoolPlan(sandbox({ DATABASE_POOL_SIZE: '20' }), 'single')).toThrow(
      /DATABASE_POOL_SIZE: 20 is too small for this single process .* can ask for 93 connections at once: 81 for jobs \(WORKER_CONCURRENCY 20: webhooks 10, .*\) \+ 10 for HTTP requests \(DATABASE_HTTP_CONNECTIONS\) \+ 2 reserved/,
    );
    expect(() => databasePoolPlan(sandbox({ DATABASE_POOL_SIZE: '11' }), 'api')).toThrow(/11 is too small for this api process \(WORKERS=off\), which can ask for 12/);
    expect(() => databasePoolPlan(sandbox({ DATABASE_POOL_SIZE: '82', WORKER_CONCURRENCY: '20' }), 'worker')).toThrow(/82 is too small for this worker process, which can ask for 83/);
  });
});
