import { resetState, startApp, TestApp } from '../harness';
import { Metrics } from '../../src/common/observability/metrics';
import { MAX_WEBHOOK_ATTEMPTS, TRANSIENT_RETRY_WINDOW_MS, WebhookDispatcher } from '../../src/modules/webhooks/webhook-dispatcher.service';
import { WebhookHandlerRegistry } from '../../src/modules/webhooks/webhook-handler.registry';

/** An error as pg reports a server that is going away (a restart, a failover). */
function adminShutdown(): Error {
  return Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
}

/**
 * Webhook processing through a database outage: a failure of the database is not the handler's, and
 * is retried until TRANSIENT_RETRY_WINDOW_MS after the event arrived (longer than a ten-minute
 * outage), whatever the attempt count; then the event is failed, counted and replayable. A failing
 * handler still gets its three attempts. Workers off: the dispatcher is driven directly, each call
 * as the queue's last try of a job.
 */
describe('webhook processing through a database outage', () => {
  let t: TestApp;
  let handlers: WebhookHandlerRegistry;
  let behaviour: () => Promise<void>;

  beforeAll(async () => {
    t = await startApp();
    handlers = t.app.get(WebhookHandlerRegistry);
    handlers.register('stripe', 'beaker.test_outage', () => behaviour());
  });
  afterAll(async () => {
    handlers.unregister('stripe', 'beaker.test_outage');
    await t.close();
  });
  beforeEach(async () => resetState(t));

  async function storedEvent(receivedSecondsAgo: number): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, received_at, updated_at)
       VALUES ('stripe', 'evt_outage_' || gen_random_uuid(), 'beaker.test_outage', '{}', 'pending', now() - make_interval(secs => $1), now()) RETURNING id`,
      [receivedSecondsAgo],
    );
    return row.id;
  }
  const statusOf = async (id: string) => (await t.db.query(`SELECT status, attempts, last_error FROM webhook_events WHERE id = $1`, [id]))[0];
  const failedCount = async () => {
    const text = await t.app.get(Metrics).registry.getSingleMetricAsString('webhook_events_failed_total');
    return Number(/webhook_events_failed_total\{[^}]*provider="stripe"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0);
  };

  it('keeps an event pending through database failures, past the three attempts a failing handler gets', async () => {
    behaviour = async () => {
      throw adminShutdown();
    };
    const id = await storedEvent(9 * 60);
    const dispatcher = t.app.get(WebhookDispatcher);
    for (let i = 0; i < MAX_WEBHOOK_ATTEMPTS + 3; i++) expect(await dispatcher.process(id, { trigger: 'queue', lastTry: true })).toBe('retry');
    expect(await statusOf(id)).toMatchObject({ status: 'pending', attempts: MAX_WEBHOOK_ATTEMPTS + 3, last_error: 'terminating connection due to administrator command' });

    // The database is back: the next try completes it.
    behaviour = async () => undefined;
    expect(await dispatcher.process(id, { trigger: 'queue', lastTry: true })).toBe('completed');
    expect((await statusOf(id)).status).toBe('completed');
  });

  it('leaves the event failed, counted and replayable once the outage outlasts the window', async () => {
    behaviour = async () => {
      throw adminShutdown();
    };
    const before = await failedCount();
    const id = await storedEvent(TRANSIENT_RETRY_WINDOW_MS / 1000 + 5);
    const dispatcher = t.app.get(WebhookDispatcher);
    expect(await dispatcher.process(id, { trigger: 'queue', lastTry: false })).toBe('failed');
    expect((await statusOf(id)).status).toBe('failed');
    expect(await failedCount()).toBe(before + 1);

    behaviour = async () => undefined;
    expect(await dispatcher.process(id, { trigger: 'replay' })).toBe('completed');
    expect((await statusOf(id)).status).toBe('completed');
  });

  it('still fails a handler that fails on its own after its last attempt', async () => {
    behaviour = async () => {
      throw new Error('no such customer');
    };
    const id = await storedEvent(10);
    expect(await t.app.get(WebhookDispatcher).process(id, { trigger: 'queue', lastTry: true })).toBe('failed');
    expect(await statusOf(id)).toMatchObject({ status: 'failed', last_error: 'no such customer' });
  });
});
