import { JobName, SCHEDULED_JOBS } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { schedulerExists, schedulerIdOf } from '../../src/common/queue/worker.service';
import { Metrics } from '../../src/common/observability/metrics';
import { RedisService } from '../../src/common/redis/redis.service';
import { startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';

/**
 * A Redis replaced by an empty one (a failover that lost its data) takes the repeating jobs'
 * schedulers with it: each worker registers the missing ones again, on a timer and when its queue
 * connection is ready again, without running any of them twice.
 */
async function schedulersPresent(t: TestApp): Promise<string[]> {
  const jobs = t.app.get(JobsService);
  const present: string[] = [];
  for (const { name } of SCHEDULED_JOBS) if (await schedulerExists(jobs.queueOf(name), schedulerIdOf(name))) present.push(name);
  return present;
}

/** Every job a scheduler has made that is still in its queue (run, running, due or next). */
async function jobsOfScheduler(t: TestApp, name: JobName) {
  const jobs = await t.app.get(JobsService).queueOf(name).getJobs(['completed', 'failed', 'active', 'wait', 'delayed']);
  return jobs.filter((job) => job.repeatJobKey === schedulerIdOf(name));
}

async function restoredCount(t: TestApp, name: JobName): Promise<number> {
  const metric = await t.app.get(Metrics).registry.getSingleMetric('queue_schedulers_restored_total')!.get();
  return metric.values.find((v) => v.labels.job === name)?.value ?? 0;
}

const ALL = SCHEDULED_JOBS.map((s) => s.name).sort();
/** Hourly: one run after its restoration, the next one an hour away; any other run is a duplicate. */
const HOURLY = SCHEDULED_JOBS.find((s) => s.everyMs >= 3600_000)!.name;

describe('repeating job schedulers', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('come back within the check interval after Redis loses its data, each run once and not again on later checks', async () => {
    t = await startApp({ inlineWorkers: true, env: { SCHEDULER_CHECK_INTERVAL_MS: '300' } });
    expect((await schedulersPresent(t)).sort()).toEqual(ALL);

    // The failover: this test's own Redis database, emptied.
    await t.app.get(RedisService).client.flushdb();
    expect(await schedulersPresent(t)).toEqual([]);

    const back = await eventually(() => schedulersPresent(t), (present) => present.length === ALL.length, 3000, 50);
    expect(back.sort()).toEqual(ALL);
    expect(await restoredCount(t, HOURLY)).toBe(1);

    // Restored: its first run is due at once (the lost work is caught up); the next one an hour later.
    const ran = await eventually(() => jobsOfScheduler(t, HOURLY), (jobs) => jobs.some((job) => job.finishedOn), 5000, 50);
    const next = (await t.app.get(JobsService).queueOf(HOURLY).getJobScheduler(schedulerIdOf(HOURLY)))!.next;
    expect(ran.filter((job) => job.finishedOn)).toHaveLength(1);

    // Several checks later: nothing registered again, no other run, the same next run.
    await new Promise((r) => setTimeout(r, 1500));
    const after = await jobsOfScheduler(t, HOURLY);
    expect(after.filter((job) => job.finishedOn || job.processedOn)).toHaveLength(1);
    expect(after).toHaveLength(2); // the run, and the next one (delayed)
    expect((await t.app.get(JobsService).queueOf(HOURLY).getJobScheduler(schedulerIdOf(HOURLY)))!.next).toBe(next);
    expect(next).toBeGreaterThan(Date.now() + 3500_000);
    for (const name of ALL) expect(await restoredCount(t, name as JobName)).toBe(1);
  }, 20_000);

  it('come back when the queue connection is ready again after a reconnect, without waiting for the timer', async () => {
    t = await startApp({ inlineWorkers: true, env: { SCHEDULER_CHECK_INTERVAL_MS: '3600000' } });
    const redis = t.app.get(RedisService);
    await redis.client.flushdb();
    expect(await schedulersPresent(t)).toEqual([]);

    redis.queueConnection.disconnect(true); // drops the connection; ioredis reconnects
    const back = await eventually(() => schedulersPresent(t), (present) => present.length === ALL.length, 5000, 50);
    expect(back.sort()).toEqual(ALL);
  }, 20_000);

  it('are not registered again while they exist (the timer finds nothing missing)', async () => {
    t = await startApp({ inlineWorkers: true, env: { SCHEDULER_CHECK_INTERVAL_MS: '200' } });
    const before = await t.app.get(JobsService).queueOf(HOURLY).getJobScheduler(schedulerIdOf(HOURLY));
    await new Promise((r) => setTimeout(r, 1000));
    for (const name of ALL) expect(await restoredCount(t, name as JobName)).toBe(0);
    expect((await t.app.get(JobsService).queueOf(HOURLY).getJobScheduler(schedulerIdOf(HOURLY)))!.next).toBe(before!.next);
  }, 20_000);
});
