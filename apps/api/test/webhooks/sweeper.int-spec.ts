import { Worker } from 'bullmq';
import Redis from 'ioredis';
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

  it('enqueues events stuck in processing for over ten minutes, replacing a finished job of the same id', async () => {
    const stuck = await insertEvent('evt_stuck', 'processing', 3600, 11 * 60);
    await insertEvent('evt_busy', 'processing', 3600, 60);
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

    expect(await t.app.get(WebhookSweeper).sweep()).toBe(1);
    expect(await queue.getJobState(stuck)).toBe('waiting');
    expect(await webhookJobIds(t)).toEqual([stuck]);
  });
});
