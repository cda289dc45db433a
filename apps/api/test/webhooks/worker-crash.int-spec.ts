import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { resetState, startApp, TestApp } from '../harness';
import { ThrowawayRedis } from '../support/throwaway-redis';
import { callStatusChannel } from '../../src/modules/calls/call-status-notifier';
import { createTrialCall, deliverVapi, eventually, vapiEndOfCallReport } from './webhook-deliveries';

const ROOT = join(__dirname, '../../../..');

/**
 * A real worker process (apps/api/src/worker.ts, run from source through test/support/ts-register.js:
 * no build needed) is killed with SIGKILL in the middle of processing an event. Another worker
 * started after it processes the event, and its effects happen exactly once.
 */
describe('a worker killed while processing', () => {
  const redis = new ThrowawayRedis();
  let t: TestApp;
  let blocker: Client;
  let subscriber: Redis;
  const workers: ChildProcess[] = [];

  function startWorker(): ChildProcess {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'apps/api/test/support/ts-register.js'), join(ROOT, 'apps/api/src/worker.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: redis.url, LOG_LEVEL: 'silent', WORKER_CONCURRENCY: '5' },
      stdio: 'ignore',
    });
    workers.push(child);
    return child;
  }

  beforeAll(async () => {
    await redis.start();
    // The HTTP app only receives; the child processes do the work.
    t = await startApp({ env: { REDIS_URL: redis.url } });
    await resetState(t);
    blocker = new Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    subscriber = new Redis(redis.url);
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await blocker.end();
    subscriber.disconnect();
    await t.close();
    await redis.kill();
  });

  it('processes the event after a restart, exactly once', async () => {
    const callId = await createTrialCall(t, { status: 'in_progress' });
    const published: { status: string }[] = [];
    await subscriber.subscribe(callStatusChannel(callId));
    subscriber.on('message', (_channel, message) => published.push(JSON.parse(message)));

    // Freeze the first worker at the very end of its work: the call is updated in its transaction,
    // and the attempt's record waits behind our lock. (No test knob in the product: a lock does it.)
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE webhook_event_attempts IN EXCLUSIVE MODE');

    const first = startWorker();
    expect((await deliverVapi(t, vapiEndOfCallReport(randomUUID(), callId))).status).toBe(200);
    const waiting = await eventually(
      async () =>
        (
          await t.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO webhook_event_attempts%'`,
          )
        )[0].n as number,
      (n) => n > 0,
      60_000,
      100,
    );
    expect(waiting).toBe(1);
    const [processing] = await t.db.query(`SELECT id, status, attempts FROM webhook_events`);
    expect(processing).toMatchObject({ status: 'processing', attempts: 1 });

    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    await blocker.query('ROLLBACK');

    // The dead worker's transaction never commits: the call is as it was.
    await new Promise((r) => setTimeout(r, 500));
    expect((await t.db.query(`SELECT status FROM calls WHERE id = $1`, [callId]))[0].status).toBe('in_progress');

    // A new worker takes the job back once its lock has expired (BullMQ's stalled-job check).
    startWorker();
    const done = await eventually(
      () => t.db.query(`SELECT status, attempts FROM webhook_events WHERE id = $1`, [processing.id]).then((r) => r[0]),
      (row) => row.status === 'completed',
      110_000,
      250,
    );
    expect(done).toEqual({ status: 'completed', attempts: 2 });
    const attempts = await t.db.query(`SELECT attempt, outcome FROM webhook_event_attempts WHERE webhook_event_id = $1 ORDER BY attempt`, [processing.id]);
    expect(attempts).toEqual([
      { attempt: 1, outcome: 'interrupted' },
      { attempt: 2, outcome: 'completed' },
    ]);
    const call = (await t.db.query(`SELECT status, summary FROM calls WHERE id = $1`, [callId]))[0];
    expect(call).toEqual({ status: 'completed', summary: 'The caller needs an AC repair.' });
    // Exactly once: one status change was committed and announced.
    await new Promise((r) => setTimeout(r, 300));
    expect(published.map((p) => p.status)).toEqual(['completed']);
  }, 180_000);
});
