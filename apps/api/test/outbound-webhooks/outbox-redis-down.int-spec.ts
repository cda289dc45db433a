import { OutboundEventsService } from '../../src/modules/outbound-webhooks';
import { Database } from '../../src/database/database';
import { resetState, startApp, TestApp } from '../harness';
import { liveBusiness, type LiveBusiness } from '../leads/leads.factory';
import { ThrowawayRedis } from '../support/throwaway-redis';
import { WebhookDeliverySweeper } from '../../src/modules/outbound-webhooks/webhook-delivery-sweeper.service';
import { createEndpoint, receivedCount } from './outbound-webhooks.factory';
import { WebhookReceiver } from './receiver';

/**
 * The outbox is in Postgres: an event committed while Redis is down is not lost — its delivery
 * waits as a pending row, and the sweeper sends it once Redis is back (once). An event whose
 * transaction rolls back is never sent.
 */
describe('outbound webhooks: the outbox when Redis is down at commit time', () => {
  const redis = new ThrowawayRedis();
  const receiver = new WebhookReceiver();
  let t: TestApp;
  let b: LiveBusiness;

  beforeAll(async () => {
    await redis.start();
    await receiver.start();
    t = await startApp({ inlineWorkers: true, clockAt: new Date('2026-03-10T16:00:00Z'), env: { REDIS_URL: redis.url } });
    await resetState(t);
    b = await liveBusiness(t);
  }, 60_000);

  afterAll(async () => {
    await t.close();
    await redis.kill();
    await receiver.stop();
  });

  it('delivers an event committed during the outage once Redis is back, exactly once; a rolled-back one never', async () => {
    await createEndpoint(t, b, { url: receiver.url, eventTypes: ['lead.created'] });
    const outbox = t.app.get(OutboundEventsService);
    const db = t.app.get(Database);

    await redis.kill();
    const eventId = await db.transaction((tx) => outbox.record(tx, { businessId: b.id, type: 'lead.created', data: { lead: { id: 'during-the-outage' } } }));
    await expect(
      db.transaction(async (tx) => {
        await outbox.record(tx, { businessId: b.id, type: 'lead.created', data: { lead: { id: 'rolled-back' } } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [row] = await t.db.query(`SELECT d.status, d.attempts FROM webhook_deliveries d WHERE d.event_id = $1`, [eventId]);
    expect(row).toEqual({ status: 'pending', attempts: 0 });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbound_events`))[0].n).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(0);

    await redis.start();
    // The queue connection comes back on its own; the sweeper finds the delivery once it is past its grace.
    t.clock!.advance(31_000);
    const sweeper = t.app.get(WebhookDeliverySweeper);
    for (let i = 0; i < 50 && receiver.received.length === 0; i++) {
      await sweeper.sweep().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
    }
    await receivedCount(receiver, 1);
    // Sweeping again (and the scheduled sweeps) sends nothing more.
    await sweeper.sweep();
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.events().map((e) => e.id)).toEqual([eventId]);
    expect(receiver.events()[0].data).toEqual({ lead: { id: 'during-the-outage' } });
    const [after] = await t.db.query(`SELECT status, attempts FROM webhook_deliveries WHERE event_id = $1`, [eventId]);
    expect(after).toEqual({ status: 'succeeded', attempts: 1 });
  });
});
