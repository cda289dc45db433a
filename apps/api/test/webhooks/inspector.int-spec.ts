import { randomUUID } from 'node:crypto';
import { resetState, startApp, TestApp } from '../harness';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { createTrialCall, deliverStripe, deliverVapi, eventRows, eventually, stripeEvent, vapiEndOfCallReport, vapiStatusUpdate } from './webhook-deliveries';

/** The admin inspector: list with filters and cursor, detail with its timeline, replay. */
describe('webhook inspector', () => {
  let t: TestApp;
  let admin: SignedInClient;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    admin = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
  });

  const done = (count: number) =>
    eventually(
      () => eventRows(t),
      (rows) => rows.length >= count && rows.every((r) => ['completed', 'ignored', 'failed'].includes(r.status)),
      20000,
    );

  it('is for staff only', async () => {
    expect((await t.request('/v1/admin/webhook-events')).status).toBe(401);
    const user = await signInAs(t, 'owner@example.com');
    const res = await user.request('/v1/admin/webhook-events');
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('AUTH.FORBIDDEN');
    expect((await user.request(`/v1/admin/webhook-events/${randomUUID()}/replay`, { method: 'POST' })).status).toBe(403);
  });

  it('lists newest first with filters and a cursor', async () => {
    // Types no module handles: they complete as ignored.
    for (const type of ['payment_intent.created', 'payment_intent.created', 'charge.refunded']) await deliverStripe(t, stripeEvent(type));
    await deliverVapi(t, vapiStatusUpdate(randomUUID(), 'queued'));
    await done(4);

    const all = await (await admin.request('/v1/admin/webhook-events')).json();
    expect(all.items).toHaveLength(4);
    const received = all.items.map((i: { receivedAt: string }) => i.receivedAt);
    expect([...received].sort().reverse()).toEqual(received);

    const invoices = await (await admin.request('/v1/admin/webhook-events?provider=stripe&type=payment_intent.created&limit=1')).json();
    expect(invoices.items).toHaveLength(1);
    expect(invoices.items[0]).toMatchObject({ provider: 'stripe', eventType: 'payment_intent.created', status: 'ignored', attempts: 1 });
    const next = await (await admin.request(`/v1/admin/webhook-events?provider=stripe&type=payment_intent.created&limit=1&cursor=${invoices.nextCursor}`)).json();
    expect(next.items).toHaveLength(1);
    expect(next.items[0].id).not.toBe(invoices.items[0].id);
    expect(next.nextCursor).toBeNull();

    const vapi = await (await admin.request('/v1/admin/webhook-events?provider=vapi&status=failed')).json();
    expect(vapi.items).toHaveLength(1);
    const future = await (await admin.request(`/v1/admin/webhook-events?from=${new Date(Date.now() + 60_000).toISOString()}`)).json();
    expect(future.items).toEqual([]);
    const bad = await admin.request('/v1/admin/webhook-events?status=lost&colour=red');
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('VALIDATION.FAILED');
  });

  it('shows an event with payload, attempts and timeline, and replays a failed one once its cause is fixed', async () => {
    // A report for a call that is not there yet: fails three times, then stays failed.
    const callId = randomUUID();
    const vapiCallId = randomUUID();
    await deliverVapi(t, vapiEndOfCallReport(vapiCallId, callId));
    await done(1);
    const [row] = await eventRows(t);

    const detail = await (await admin.request(`/v1/admin/webhook-events/${row.id}`)).json();
    expect(detail).toMatchObject({ id: row.id, provider: 'vapi', eventType: 'end-of-call-report', status: 'failed', attempts: 3 });
    expect(detail.lastError).toMatch(/no call for Vapi call/);
    expect(detail.payload.message.call.id).toBe(vapiCallId);
    expect(detail.attemptsLog.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(['received', 'failed', 'failed', 'failed']);

    // The call exists now (e.g. created late): replay processes the event.
    const created = await createTrialCall(t, { status: 'in_progress', vapiCallId });
    const replayed = await admin.request(`/v1/admin/webhook-events/${row.id}/replay`, { method: 'POST' });
    expect(replayed.status).toBe(200);
    const after = await replayed.json();
    expect(after).toMatchObject({ status: 'completed', attempts: 4, lastError: null });
    expect(after.attemptsLog[3]).toMatchObject({ attempt: 4, trigger: 'replay', outcome: 'completed' });
    expect((await t.db.query(`SELECT status FROM calls WHERE id = $1`, [created]))[0].status).toBe('completed');

    // Replaying a completed event is allowed and changes nothing.
    const again = await (await admin.request(`/v1/admin/webhook-events/${row.id}/replay`, { method: 'POST' })).json();
    expect(again).toMatchObject({ status: 'completed', attempts: 5 });
    expect((await t.db.query(`SELECT status, ended_reason FROM calls WHERE id = $1`, [created]))[0]).toEqual({ status: 'completed', ended_reason: 'customer-ended-call' });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const res = await admin.request(`/v1/admin/webhook-events/${id}`);
      expect(res.status).toBe(404);
      expect((await res.json()).code).toBe('WEBHOOKS.EVENT_NOT_FOUND');
      expect((await admin.request(`/v1/admin/webhook-events/${id}/replay`, { method: 'POST' })).status).toBe(404);
    }
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = await (await t.request('/docs-json')).json();
    for (const path of ['/webhooks/stripe', '/webhooks/twilio', '/webhooks/vapi', '/v1/admin/webhook-events', '/v1/admin/webhook-events/{id}', '/v1/admin/webhook-events/{id}/replay']) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
