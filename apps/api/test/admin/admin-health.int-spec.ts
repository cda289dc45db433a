import { signInAs, SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

describe('admin: health of webhooks and queues', () => {
  let t: TestApp;
  let staff: SignedInClient;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
  });

  async function event(provider: string, eventId: string, status: string, minutesAgo: number, lastError: string | null = null): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, attempts, last_error, received_at)
       VALUES ($1, $2, 'test.event', '{}'::jsonb, $3, $4, $5, now() - make_interval(mins => $6)) RETURNING id`,
      [provider, eventId, status, status === 'failed' ? 3 : 0, lastError, minutesAgo],
    );
    return row.id;
  }

  it('counts the backlog and failures per provider, ages the oldest wait, lists the latest failures', async () => {
    await event('stripe', 'evt_pending_old', 'pending', 30);
    await event('stripe', 'evt_pending_new', 'pending', 2);
    await event('vapi', 'call_1:status-update', 'processing', 10);
    const olderFailure = await event('twilio', 'CA1:completed', 'failed', 120, 'boom');
    const newerFailure = await event('stripe', 'evt_failed', 'failed', 5, 'no business');
    await event('stripe', 'evt_done', 'completed', 60);
    await event('stripe', 'evt_done_long_ago', 'completed', 60 * 30);
    await event('vapi', 'call_2:hang', 'ignored', 60);

    const res = await staff.request('/v1/admin/health/webhooks');
    expect(res.status).toBe(200);
    const health = await res.json();
    const row = (p: string) => health.providers.find((r: { provider: string }) => r.provider === p);
    expect(row('stripe')).toMatchObject({ pending: 2, processing: 0, failed: 1, completedLast24h: 1, ignoredLast24h: 0 });
    expect(row('vapi')).toMatchObject({ pending: 0, processing: 1, failed: 0, completedLast24h: 0, ignoredLast24h: 1 });
    expect(row('twilio')).toMatchObject({ pending: 0, processing: 0, failed: 1, completedLast24h: 0, oldestPendingAt: null });
    expect(Date.now() - Date.parse(row('stripe').oldestPendingAt)).toBeGreaterThanOrEqual(30 * 60_000 - 5_000);
    // The oldest wait: stripe's pending event of 30 minutes ago.
    expect(health.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(30 * 60 - 5);
    expect(health.oldestPendingAgeSeconds).toBeLessThan(31 * 60);
    expect(health.recentFailures.map((e: { id: string }) => e.id)).toEqual([newerFailure, olderFailure]);
    expect(health.recentFailures[0]).toMatchObject({ provider: 'stripe', eventId: 'evt_failed', status: 'failed', lastError: 'no business' });
  });

  it('says nothing waits when nothing does', async () => {
    const health = await (await staff.request('/v1/admin/health/webhooks')).json();
    expect(health.oldestPendingAgeSeconds).toBeNull();
    expect(health.providers.map((r: { provider: string; pending: number }) => [r.provider, r.pending])).toEqual([
      ['stripe', 0],
      ['twilio', 0],
      ['vapi', 0],
    ]);
    expect(health.recentFailures).toEqual([]);
  });

  it('lists every job queue with its counts', async () => {
    const res = await staff.request('/v1/admin/health/queues');
    expect(res.status).toBe(200);
    const { items, nextCursor } = await res.json();
    expect(nextCursor).toBeNull();
    expect(items.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['webhooks', 'calls', 'leads', 'businesses']));
    for (const q of items) expect(q).toEqual({ name: q.name, waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), failed: expect.any(Number), completed: expect.any(Number), paused: false });
  });
});
