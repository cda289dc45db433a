import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { resetState, startApp, TestApp } from '../harness';
import { JobName } from '../../src/common/queue/jobs';
import { WebhookSweeper } from '../../src/modules/webhooks/webhook-sweeper.service';
import { webhookJobIds, webhookQueue } from './webhook-deliveries';

/** The sweeper: events whose job was lost are enqueued again, once, under their own id. Workers off. */
describe('webhook sweeper', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  async function insertEvent(eventId: string, status: string, receivedSecondsAgo: number, updatedSecondsAgo = receivedSecondsAgo): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, received_at, updated_at)
       VALUES ('stripe', $1, 'invoice.paid', '{}', $2, now() - make_interval(secs => $3), now() - make_interval(secs => $4)) RETURNING id`,
      [eventId, status, receivedSecondsAgo, updatedSecondsAgo],
    );
    return row.id;
  }

  it('enqueues events pending for over a minute, and only once', async () => {
    const lost = await insertEvent('evt_lost', 'pending', 120);
    await insertEvent('evt_recent', 'pending', 20);
    await insertEvent('evt_done', 'completed', 600);
    await insertEvent('evt_failed', 'failed', 600);
    const sweeper = t.app.get(WebhookSweeper);
    expect(await sweeper.sweep()).toBe(1);
    expect(await webhookJobIds(t)).toEqual([lost]);
    // The job is still waiting: not added twice.
    expect(await sweeper.sweep()).toBe(0);
    expect(await webhookJobIds(t)).toEqual([lost]);
  });

  /** Holds an event's advisory lock the way a live dispatcher does: a session lock on its own connection. */
  async function holdLock(id: string): Promise<Client> {
    const client = new Client({ connectionString: t.config.env.DATABASE_URL });
    await client.connect();
    await client.query(`SELECT pg_advisory_lock(hashtextextended($1, 7))`, [`webhook-event:${id}`]);
    return client;
  }

  it('enqueues events left processing by a dead process (no one holds their lock), replacing a finished job of the same id', async () => {
    const stuck = await insertEvent('evt_stuck', 'processing', 3600, 11 * 60);
    // A live process holds it, however long it has been at it: left alone.
    const busy = await insertEvent('evt_busy', 'processing', 3600, 11 * 60);
    const holder = await holdLock(busy);
    // The queue remembers a completed job under that id (its worker finished, the row did not):
    // a plain re-add would be taken for a duplicate.
    const queue = webhookQueue(t);
    await queue.add(JobName.ProcessWebhookEvent, { webhookEventId: stuck }, { jobId: stuck, removeOnComplete: false });
    // BullMQ closes only the connections it made: this one is ours to quit.
    const connection = new Redis(t.config.env.REDIS_URL, { maxRetriesPerRequest: null });
    const worker = new Worker(queue.name, null, { connection });
    try {
      const job = await worker.getNextJob('test-token');
      await job!.moveToCompleted('done', 'test-token', false);
    } finally {
      await worker.close();
      await connection.quit();
    }
    expect(await queue.getJobState(stuck)).toBe('completed');

    try {
      expect(await t.app.get(WebhookSweeper).sweep()).toBe(1);
    } finally {
      await holder.end();
    }
    expect(await queue.getJobState(stuck)).toBe('waiting');
    expect(await webhookJobIds(t)).toEqual([stuck]);
  });

  it('takes up an event whose process died within seconds, not after a ten-minute grace', async () => {
    // Claimed 20 s ago by a process whose connection is gone (its lock with it).
    const orphan = await insertEvent('evt_orphan', 'processing', 25, 20);
    // Claimed 20 s ago by a process still on it.
    const working = await insertEvent('evt_working', 'processing', 25, 20);
    // Claimed just now: within the lease floor, left alone even with its lock free.
    await insertEvent('evt_just_claimed', 'processing', 5, 2);
    const holder = await holdLock(working);
    try {
      expect(await t.app.get(WebhookSweeper).sweep()).toBe(1);
      expect(await webhookJobIds(t)).toEqual([orphan]);
      // The sweep's own try of the lock ended with its statement: the live holder still has it, and
      // once it lets go (its process dies), the next sweep takes the event up too.
      const [{ held }] = (await holder.query(`SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`)).rows;
      expect(held).toBe(1);
    } finally {
      await holder.end();
    }
    expect(await t.app.get(WebhookSweeper).sweep()).toBe(1);
    expect((await webhookJobIds(t)).sort()).toEqual([orphan, working].sort());
  });
});
