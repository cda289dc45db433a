import { randomUUID } from 'node:crypto';
import { JOB_QUEUES, JobName, jobsOn } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { JobHandlers, QueueProcessor } from '../../src/common/queue/queue-processor';
import { concurrencyOf, QUEUE_TIERS, QueueName, queuesFor } from '../../src/common/queue/queues';
import { checkProcessors, WorkerService } from '../../src/common/queue/worker.service';
import { RedisService } from '../../src/common/redis/redis.service';
import { WORKER_HEARTBEAT_KEY } from '../../src/modules/health/health-ping.service';
import { resetState, startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';

/** A processor as a module would write one, for the registry's checks (never run). */
class PingProcessor extends QueueProcessor<QueueName.Health> {
  readonly queue = QueueName.Health;
  protected readonly handlers: JobHandlers<QueueName.Health> = { [JobName.Ping]: async () => undefined };
}
class OtherPingProcessor extends PingProcessor {}
/** What the compiler refuses (a handler for another queue's job), built by hand for the run-time check. */
class StrayProcessor extends QueueProcessor<QueueName.Health> {
  readonly queue = QueueName.Health;
  protected readonly handlers = { [JobName.Ping]: async () => undefined, [JobName.ExpireTrials]: async () => undefined } as unknown as JobHandlers<QueueName.Health>;
}

describe('job registry', () => {
  it('refuses to run when a queue has no processor, naming its jobs', () => {
    expect(() => checkProcessors([], [QueueName.Health])).toThrow(/queue "health" has no processor \(jobs: ping\)/);
  });

  it('checks every queue of the mode: in live mode the sandbox queue does not exist, in sandbox mode it must be processed', () => {
    expect(queuesFor({ sandbox: false })).not.toContain(QueueName.Sandbox);
    expect(queuesFor({ sandbox: true })).toContain(QueueName.Sandbox);
    const problems = () => checkProcessors([new PingProcessor()], queuesFor({ sandbox: true }));
    for (const queue of queuesFor({ sandbox: true }).filter((q) => q !== QueueName.Health)) expect(problems).toThrow(`queue "${queue}" has no processor`);
  });

  it('refuses to run when a queue has two processors, naming both', () => {
    expect(() => checkProcessors([new PingProcessor(), new OtherPingProcessor()], [QueueName.Health])).toThrow(/queue "health" has 2 processors: PingProcessor, OtherPingProcessor/);
  });

  it("refuses a processor that handles another queue's job", () => {
    expect(() => checkProcessors([new StrayProcessor()], [QueueName.Health])).toThrow(/StrayProcessor handles "expire-trials", a job of queue "trials"/);
  });

  it('accepts exactly one processor per queue, handling each job of its queue', () => {
    expect(() => checkProcessors([new PingProcessor()], [QueueName.Health])).not.toThrow();
    expect(jobsOn(QueueName.Health)).toEqual([JobName.Ping]);
  });

  it('the running app has one processor per queue, each job handled on its own queue', async () => {
    const t = await startApp();
    try {
      const processors = t.app.get(WorkerService).findProcessors();
      expect(() => checkProcessors(processors, queuesFor({ sandbox: true }))).not.toThrow();
      const handled = processors.flatMap((p) => p.handledJobs().map((job) => [job, p.queue]));
      expect(Object.fromEntries(handled)).toEqual(JOB_QUEUES);
    } finally {
      await t.close();
    }
  });

  it('splits WORKER_CONCURRENCY 3 : 2 : 1 across the critical, default and low tiers', () => {
    expect(QUEUE_TIERS[QueueName.Webhooks]).toBe('critical');
    expect([concurrencyOf(QueueName.Webhooks, 20), concurrencyOf(QueueName.Calls, 20), concurrencyOf(QueueName.Health, 20)]).toEqual([10, 7, 3]);
    expect([concurrencyOf(QueueName.Webhooks, 6), concurrencyOf(QueueName.Businesses, 6), concurrencyOf(QueueName.Trials, 6)]).toEqual([3, 2, 1]);
    expect(concurrencyOf(QueueName.Retention, 1)).toBe(1);
  });
});

describe('workers', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startApp({ inlineWorkers: true, env: { WORKER_CONCURRENCY: '6' } });
    await resetState(t);
  });

  it('process an enqueued job', async () => {
    await t.app.get(JobsService).enqueue(JobName.Ping, { at: 'first' });
    const redis = t.app.get(RedisService).client;
    let seen: string | null = null;
    for (let i = 0; i < 50 && seen !== 'first'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = await redis.get(WORKER_HEARTBEAT_KEY);
    }
    expect(seen).toBe('first');
    await t.close();
  });

  it('run each queue at its tier\'s concurrency, and a flood of low jobs delays a critical one by less than one job\'s time', async () => {
    const jobs = t.app.get(JobsService);
    const worker = t.app.get(WorkerService);
    const byQueue = Object.fromEntries(worker.findProcessors().map((p) => [p.queue, p.worker.concurrency]));
    expect(byQueue).toMatchObject({ [QueueName.Webhooks]: 3, [QueueName.Calls]: 2, [QueueName.Health]: 1 });

    // 30 low jobs of 1 s each: the low queue is busy for half a minute.
    const HOLD_MS = 1000;
    for (let i = 0; i < 30; i++) await jobs.enqueue(JobName.Ping, { at: `flood-${i}`, holdMs: HOLD_MS });
    const health = jobs.queue(QueueName.Health);
    await eventually(() => health.getActiveCount(), (n) => n > 0, 5000, 20);

    // A critical job (a webhook event to process; unknown ids finish at once) meanwhile.
    const id = await jobs.enqueue(JobName.ProcessWebhookEvent, { webhookEventId: randomUUID() }, { jobId: `critical-${randomUUID()}` });
    const webhooks = jobs.queue(QueueName.Webhooks);
    const done = await eventually(async () => (await webhooks.getJob(id))?.finishedOn, (at) => typeof at === 'number', 10_000, 20);
    const job = (await webhooks.getJob(id))!;
    expect(done! - job.timestamp).toBeLessThan(HOLD_MS);
    expect(await health.getWaitingCount()).toBeGreaterThan(20); // the flood is still waiting its turn
    await health.drain();
    await t.close();
  }, 30_000);

  it('finish the job in flight on shutdown before the process lets go', async () => {
    const redis = t.app.get(RedisService).client;
    const jobs = t.app.get(JobsService);
    const id = await jobs.enqueue(JobName.Ping, { at: 'in-flight', holdMs: 1500 });
    const queue = jobs.queue(QueueName.Health);
    for (let i = 0; i < 50 && !(await queue.getJob(id).then((j) => j?.isActive())); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await (await queue.getJob(id))!.isActive()).toBe(true);

    const heartbeat = await redis.get(WORKER_HEARTBEAT_KEY);
    expect(heartbeat).toBeNull();
    await t.close(); // SIGTERM path: app.close() → workers close after their jobs

    const { default: Redis } = await import('ioredis');
    const check = new Redis(process.env.REDIS_URL!);
    expect(await check.get(WORKER_HEARTBEAT_KEY)).toBe('in-flight');
    await check.quit();
  });
});
