import { randomUUID } from 'node:crypto';
import { resetState, startApp, TestApp } from '../harness';
import { ThrowawayRedis } from '../support/throwaway-redis';
import { JOB_QUEUES, JobName } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { WebhookHandlerRegistry } from '../../src/modules/webhooks/webhook-handler.registry';
import { WebhookSweeper } from '../../src/modules/webhooks/webhook-sweeper.service';
import { deliverStripe, eventually, stripeEvent } from './webhook-deliveries';

const DELIVERIES = 1000;
const CONCURRENCY = 25;
const KILL_AFTER = 300;
const RESTART_AFTER = 700;

/**
 * Redis dies in the middle of a stream of deliveries and comes back empty. Every delivery is
 * either acknowledged or refused; every acknowledged one is processed exactly once in the end,
 * counted by its effect (a row the handler writes in the processing transaction).
 */
describe('chaos: Redis stops in the middle of a webhook stream', () => {
  const redis = new ThrowawayRedis();
  let t: TestApp;

  beforeAll(async () => {
    await redis.start();
    t = await startApp({ inlineWorkers: true, clockAt: new Date(), env: { REDIS_URL: redis.url } });
    await resetState(t);
    await t.db.query(`CREATE TABLE chaos_effects (event_id text NOT NULL)`);
    // The effect: one row per processing, written in the processing transaction, no unique key,
    // so a second processing would show as a second row.
    t.app.get(WebhookHandlerRegistry).register('stripe', 'beaker.chaos', async (ctx) => {
      await ctx.tx.query(`INSERT INTO chaos_effects (event_id) VALUES ($1)`, [ctx.event.eventId]);
    });
  }, 60_000);

  afterAll(async () => {
    t.app.get(WebhookHandlerRegistry).unregister('stripe', 'beaker.chaos');
    await t.db.query(`DROP TABLE IF EXISTS chaos_effects`);
    await t.close();
    await redis.kill();
  });

  it('acknowledges or refuses each delivery, and processes every acknowledged one exactly once after Redis returns', async () => {
    const ids = Array.from({ length: DELIVERIES }, () => `evt_${randomUUID().replace(/-/g, '')}`);
    const outcome = new Map<string, number>();
    let answered = 0;
    let next = 0;
    let outage: Promise<void> = Promise.resolve();

    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++];
        let status: number;
        try {
          status = (await deliverStripe(t, stripeEvent('beaker.chaos', id))).status;
        } catch {
          status = 0; // no answer at all: refused, the provider delivers again
        }
        outcome.set(id, status);
        answered++;
        if (answered === KILL_AFTER) outage = redis.kill();
        if (answered === RESTART_AFTER) outage = outage.then(() => redis.start());
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await outage;

    const acknowledged = ids.filter((id) => outcome.get(id) === 200);
    const refused = ids.filter((id) => outcome.get(id) !== 200);
    expect(acknowledged.length + refused.length).toBe(DELIVERIES);
    // Redis is not needed to acknowledge: the row is durable first.
    expect(acknowledged.length).toBe(DELIVERIES);

    // Never acknowledged and lost: every acknowledged delivery is a stored row.
    const stored: { event_id: string }[] = await t.db.query(`SELECT event_id FROM webhook_events WHERE provider = 'stripe' AND event_id = ANY($1)`, [acknowledged]);
    expect(stored).toHaveLength(acknowledged.length);

    // The app's queue connection is back (ioredis reconnects with a backoff of its own).
    const queue = t.app.get(JobsService).queue(JOB_QUEUES[JobName.ProcessWebhookEvent]);
    const reachable = (): Promise<boolean> => queue.getJobCounts().then(
      () => true,
      () => false,
    );
    expect(await eventually(reachable, (up) => up, 20_000, 100)).toBe(true);

    // Jobs lost with Redis (and never enqueued while it was down) are found by the sweeper.
    t.clock!.advance(2 * 60_000);
    const sweeper = t.app.get(WebhookSweeper);
    const reEnqueued = await sweeper.sweep();
    expect(reEnqueued).toBeGreaterThan(0);

    const unfinished = () => t.db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE status <> 'completed'`).then((r) => r[0].n as number);
    let left = await eventually(unfinished, (n) => n === 0, 60_000, 250);
    for (let round = 0; left > 0 && round < 5; round++) {
      // A job lost in flight: sweep again, as the scheduled sweeper would 30 s later.
      t.clock!.advance(11 * 60_000);
      await sweeper.sweep();
      left = await eventually(unfinished, (n) => n === 0, 20_000, 250);
    }
    expect(left).toBe(0);

    const effects: { event_id: string; n: number }[] = await t.db.query(`SELECT event_id, count(*)::int AS n FROM chaos_effects GROUP BY event_id`);
    expect(effects).toHaveLength(acknowledged.length);
    expect(effects.filter((e) => e.n !== 1)).toEqual([]);
    expect(new Set(effects.map((e) => e.event_id))).toEqual(new Set(acknowledged));
  }, 180_000);
});
