import { Database } from '../../src/database/database';
import { SharedPostgresPool } from '../../src/database/postgres-pool';
import { WebhookDispatcher } from '../../src/modules/webhooks/webhook-dispatcher.service';
import { WebhookHandlerRegistry } from '../../src/modules/webhooks/webhook-handler.registry';
import { resetState, startApp, TestApp } from '../harness';
import { deliverStripe, eventRows, stripeEvent } from './webhook-deliveries';

/** Jobs processed at once, and the pool's size: every connection is some job's. */
const N = 4;
const TYPE = 'test.connection_budget';

/**
 * A webhook job holds at most one Postgres connection: N jobs at once on a pool of N finish.
 * Each handler waits until all N are inside their transactions (so every connection of the pool is
 * held), then leaves an after-commit effect that uses the database, as the billing handler's do
 * (provisioning, replaying waiting events). Had the dispatcher run those effects while it still held
 * its connection, every job would wait for a second one until pg gave up (5 s).
 */
describe('webhook processing: one connection per job', () => {
  let t: TestApp;

  beforeAll(async () => {
    // An api-kind process whose pool is exactly N: N - 2 for HTTP plus the reserve of 2.
    t = await startApp({ env: { DATABASE_POOL_SIZE: String(N), DATABASE_HTTP_CONNECTIONS: String(N - 2) } });
  });
  afterAll(async () => {
    t.app.get(WebhookHandlerRegistry).unregister('stripe', TYPE);
    await t.close();
  });
  beforeEach(async () => resetState(t));

  it(`processes ${N} events at once on a pool of ${N}, their after-commit effects reading the database`, async () => {
    expect(t.app.get(SharedPostgresPool).pool.options.max).toBe(N);
    const db = t.app.get(Database);
    let inside = 0;
    let allInside!: () => void;
    const barrier = new Promise<void>((resolve) => (allInside = resolve));
    const effects: string[] = [];
    t.app.get(WebhookHandlerRegistry).register('stripe', TYPE, async (ctx) => {
      // A statement in the transaction, so its connection is surely taken.
      await db.query('SELECT 1', [], ctx.tx);
      if (++inside === N) allInside();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([barrier, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('not all jobs got a connection')), 10_000)))]).finally(() => clearTimeout(timer));
      ctx.afterCommit(async () => {
        try {
          const [row] = await db.query<{ status: string }>('SELECT status FROM webhook_events WHERE id = $1', [ctx.event.id]);
          effects.push(row.status);
        } catch (err) {
          effects.push(`error: ${(err as Error).message}`);
        }
      });
    });

    for (let i = 0; i < N; i++) expect((await deliverStripe(t, stripeEvent(TYPE))).status).toBe(200);
    const rows = await eventRows(t, 'stripe');
    expect(rows).toHaveLength(N);

    const dispatcher = t.app.get(WebhookDispatcher);
    const started = Date.now();
    const outcomes = await Promise.all(rows.map((r) => dispatcher.processJob({ webhookEventId: r.id }, { jobId: r.id, attemptsMade: 0, maxAttempts: 3 })));
    const elapsed = Date.now() - started;

    expect(outcomes.map((o) => o.outcome)).toEqual(Array(N).fill('completed'));
    // Each effect saw its event committed, and none waited for a connection until pg gave up.
    expect(effects).toEqual(Array(N).fill('completed'));
    expect(elapsed).toBeLessThan(4000);
    expect((await eventRows(t, 'stripe')).map((r) => r.status)).toEqual(Array(N).fill('completed'));
  });
});
