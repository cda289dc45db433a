import { randomUUID } from 'node:crypto';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { createTrialRequest, freshPhone } from '../factories/trials.factory';
import { resetState, startApp, TestApp, type TestResponse } from '../harness';
import { vapiEndOfCallReport } from '../webhooks/webhook-deliveries';

interface AuditLine {
  action: string;
  actor_kind: string;
  actor_id: string | null;
  target_type: string;
  target_id: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
  request_id: string | null;
}

describe('admin: every staff action writes exactly one audit line; a refused one writes none', () => {
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

  const lines = (): Promise<AuditLine[]> => t.db.query(`SELECT * FROM audit_log ORDER BY at, id`);

  /** Runs an action; it must answer `status` and leave exactly `count` new audit lines, the last one returned. */
  async function audited(action: () => Promise<TestResponse>, status: number, count: 0 | 1): Promise<{ res: TestResponse; line?: AuditLine }> {
    const before = (await lines()).length;
    const res = await action();
    expect(res.status).toBe(status);
    const after = await lines();
    expect(after.length - before).toBe(count);
    const line = count ? after[after.length - 1] : undefined;
    if (line) {
      expect(line).toMatchObject({ actor_kind: 'admin', actor_id: staff.userId });
      expect(line.request_id).toBe(res.headers.get('x-request-id'));
    }
    return { res, line };
  }

  async function storedEvent(provider: string, type: string, payload: unknown, status = 'failed'): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, attempts, last_error) VALUES ($1, $2, $3, $4::jsonb, $5, 3, 'boom') RETURNING id`,
      [provider, `evt_${randomUUID()}`, type, JSON.stringify(payload), status],
    );
    return row.id;
  }

  it('webhook replay: audited with its outcome, whether the handler succeeds or fails; an unknown event writes none', async () => {
    // A type no module handles: the replay completes it as ignored.
    const ignoredId = await storedEvent('stripe', 'payment_intent.created', { id: 'evt_x', type: 'payment_intent.created', data: { object: {} } });
    const { line } = await audited(() => staff.request(`/v1/admin/webhook-events/${ignoredId}/replay`, { method: 'POST' }), 200, 1);
    expect(line).toMatchObject({
      action: 'webhook_event.replay',
      target_type: 'webhook_event',
      target_id: ignoredId,
      before: { status: 'failed', attempts: 3 },
      after: { status: 'ignored', attempts: 4 },
      details: { provider: 'stripe', eventType: 'payment_intent.created', outcome: 'ignored' },
    });

    // A report for a call that does not exist: the handler fails again; the replay still happened.
    const failingId = await storedEvent('vapi', 'end-of-call-report', vapiEndOfCallReport(randomUUID(), randomUUID()));
    const failed = await audited(() => staff.request(`/v1/admin/webhook-events/${failingId}/replay`, { method: 'POST' }), 200, 1);
    expect((await failed.res.json()).status).toBe('failed');
    expect(failed.line).toMatchObject({ action: 'webhook_event.replay', target_id: failingId, after: { status: 'failed' }, details: { outcome: 'failed' } });
    expect(failed.line!.details.error).toMatch(/no call/);

    await audited(() => staff.request(`/v1/admin/webhook-events/${randomUUID()}/replay`, { method: 'POST' }), 404, 0);
    await audited(() => staff.request(`/v1/admin/webhook-events/not-an-id/replay`, { method: 'POST' }), 404, 0);
  });

  it("do-not-call changes on Beaker's list: one line each, with reason and request id; a duplicate or unknown entry writes none", async () => {
    const added = await audited(() => staff.request('/v1/admin/dnc', { method: 'POST', json: { phone: '+14155550123', reason: 'Litigator' } }), 201, 1);
    expect(added.line).toMatchObject({ action: 'dnc.add', reason: 'Litigator', after: { status: 'active' } });
    await audited(() => staff.request('/v1/admin/dnc', { method: 'POST', json: { phone: '+14155550123', reason: 'again' } }), 409, 0);
    const entry = await added.res.json();
    const removed = await audited(() => staff.request(`/v1/admin/dnc/${entry.id}`, { method: 'DELETE', json: { reason: 'Settled' } }), 200, 1);
    expect(removed.line).toMatchObject({ action: 'dnc.remove', target_id: entry.id, reason: 'Settled', before: { status: 'active' }, after: { status: 'removed' } });
    await audited(() => staff.request(`/v1/admin/dnc/${entry.id}`, { method: 'DELETE', json: { reason: 'Twice' } }), 404, 0);
  });

  it('trial blocks: a blocked phone or email domain cannot start a trial (logged as abuse); adding and lifting are audited, refusals are not', async () => {
    const prospect = await signInAs(t, 'farmer@farm.example');
    const phone = freshPhone();
    const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;

    const block = await audited(() => staff.request('/v1/admin/trial-blocks', { method: 'POST', json: { kind: 'phone', value: national, reason: 'Farming trials' } }), 201, 1);
    const phoneBlock = await block.res.json();
    expect(phoneBlock).toMatchObject({ kind: 'phone', value: phone, reason: 'Farming trials', createdBy: staff.userId, liftedAt: null });
    expect(block.line).toMatchObject({ action: 'trial_block.add', target_type: 'trial_block', target_id: phoneBlock.id, reason: 'Farming trials', after: { kind: 'phone', value: phone, active: true } });

    const refused = await createTrialRequest(prospect, { phone: national });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('TRIALS.BLOCKED');
    const [abuse] = await t.db.query(`SELECT kind, user_id, phone_e164 FROM abuse_events`);
    expect(abuse).toEqual({ kind: 'blocked_phone', user_id: prospect.userId, phone_e164: phone });

    // The same block again, nonsense values, unknown or malformed ids: refused, no line.
    await audited(() => staff.request('/v1/admin/trial-blocks', { method: 'POST', json: { kind: 'phone', value: phone, reason: 'again' } }), 409, 0);
    for (const json of [
      { kind: 'phone', value: '12', reason: 'x' },
      { kind: 'email_domain', value: 'not a domain', reason: 'x' },
      { kind: 'email_domain', value: 'localhost', reason: 'x' },
    ]) {
      const { res } = await audited(() => staff.request('/v1/admin/trial-blocks', { method: 'POST', json }), 400, 0);
      expect((await res.json()).code).toBe('TRIALS.INVALID_BLOCK');
    }
    await audited(() => staff.request('/v1/admin/trial-blocks', { method: 'POST', json: { kind: 'ip', value: '1.2.3.4', reason: 'x' } }), 400, 0);
    await audited(() => staff.request(`/v1/admin/trial-blocks/${randomUUID()}`, { method: 'DELETE', json: { reason: 'x' } }), 404, 0);
    await audited(() => staff.request(`/v1/admin/trial-blocks/nope`, { method: 'DELETE', json: { reason: 'x' } }), 404, 0);

    // An email domain, typed with its @ and in capitals.
    const domain = await audited(() => staff.request('/v1/admin/trial-blocks', { method: 'POST', json: { kind: 'email_domain', value: '@Farm.Example', reason: 'Throwaway accounts' } }), 201, 1);
    const domainBlock = await domain.res.json();
    expect(domainBlock).toMatchObject({ kind: 'email_domain', value: 'farm.example' });
    const otherPhone = await createTrialRequest(prospect, { phone: freshPhone() });
    expect(otherPhone.status).toBe(403);
    expect((await otherPhone.json()).code).toBe('TRIALS.BLOCKED');

    // The refused-trial log, summed up: where the refusals come from.
    const top = await (await staff.request('/v1/admin/abuse-events/top?days=7')).json();
    expect(top.phones).toHaveLength(2);
    expect(top.phones).toContainEqual(expect.objectContaining({ value: phone, events: 1, users: 1 }));
    expect(top.emailDomains).toEqual([expect.objectContaining({ value: 'farm.example', events: 2, users: 1 })]);
    expect(top.ips).toHaveLength(1);
    for (const days of ['0', '91', 'week']) expect((await staff.request(`/v1/admin/abuse-events/top?days=${days}`)).status).toBe(400);

    const listed = await (await staff.request('/v1/admin/trial-blocks')).json();
    expect(listed.items.map((b: { kind: string }) => b.kind)).toEqual(['email_domain', 'phone']);

    // Lifting both: the prospect may start a trial again.
    const lifted = await audited(() => staff.request(`/v1/admin/trial-blocks/${phoneBlock.id}`, { method: 'DELETE', json: { reason: 'Real business' } }), 200, 1);
    expect(lifted.line).toMatchObject({ action: 'trial_block.lift', target_id: phoneBlock.id, reason: 'Real business', before: { active: true }, after: { active: false } });
    await audited(() => staff.request(`/v1/admin/trial-blocks/${phoneBlock.id}`, { method: 'DELETE', json: { reason: 'twice' } }), 404, 0);
    await audited(() => staff.request(`/v1/admin/trial-blocks/${domainBlock.id}`, { method: 'DELETE', json: { reason: 'ok' } }), 200, 1);
    expect((await createTrialRequest(prospect, { phone })).status).toBe(201);
    expect((await (await staff.request('/v1/admin/trial-blocks?status=all')).json()).items).toHaveLength(2);
    expect((await (await staff.request('/v1/admin/trial-blocks')).json()).items).toHaveLength(0);
  });

  it('lists the audit log newest first, with filters and a cursor; bad filters are a 400', async () => {
    for (const reason of ['one', 'two', 'three']) {
      expect((await staff.request('/v1/admin/trial-blocks', { method: 'POST', json: { kind: 'email_domain', value: `${reason}.example`, reason } })).status).toBe(201);
    }
    expect((await staff.request('/v1/admin/dnc', { method: 'POST', json: { phone: '+14155550123', reason: 'Litigator' } })).status).toBe(201);

    const all = await (await staff.request('/v1/admin/audit-events')).json();
    expect(all.items.map((e: { action: string }) => e.action)).toEqual(['dnc.add', 'trial_block.add', 'trial_block.add', 'trial_block.add']);
    expect(all.items[0]).toMatchObject({ actorKind: 'admin', actorId: staff.userId, reason: 'Litigator' });

    const page1 = await (await staff.request('/v1/admin/audit-events?action=trial_block.add&limit=2')).json();
    expect(page1.items.map((e: { reason: string }) => e.reason)).toEqual(['three', 'two']);
    const page2 = await (await staff.request(`/v1/admin/audit-events?action=trial_block.add&limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2.items.map((e: { reason: string }) => e.reason)).toEqual(['one']);
    expect(page2.nextCursor).toBeNull();

    expect((await (await staff.request(`/v1/admin/audit-events?actorId=${staff.userId}&targetType=dnc_entry`)).json()).items).toHaveLength(1);
    expect((await (await staff.request(`/v1/admin/audit-events?from=${new Date(Date.now() + 60_000).toISOString()}`)).json()).items).toEqual([]);

    for (const query of ['action=Not An Action', 'actorId=42', 'businessId=x', 'from=yesterday', 'limit=1000', 'cursor=zzz', 'colour=red']) {
      const res = await staff.request(`/v1/admin/audit-events?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(['VALIDATION.FAILED', 'PAGINATION.INVALID_CURSOR']).toContain((await res.json()).code);
    }
  });

  it('an action whose audit line cannot be written does not happen (the same transaction)', async () => {
    const alice = await signInAs(t, 'alice@example.com');
    const eventId = await storedEvent('stripe', 'payment_intent.created', { id: 'evt_y', type: 'payment_intent.created', data: { object: {} } });
    await t.db.query(`
      CREATE FUNCTION refuse_audit_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit store down'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_audit_for_test BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_for_test()`);
    try {
      expect((await staff.request(`/v1/admin/users/${alice.userId}/suspension`, { method: 'POST', json: { reason: 'x' } })).status).toBe(500);
      expect((await staff.request('/v1/admin/trial-blocks', { method: 'POST', json: { kind: 'email_domain', value: 'farm.example', reason: 'x' } })).status).toBe(500);
      expect((await staff.request('/v1/admin/dnc', { method: 'POST', json: { phone: '+14155550123', reason: 'x' } })).status).toBe(500);
      await staff.request(`/v1/admin/webhook-events/${eventId}/replay`, { method: 'POST' });
    } finally {
      await t.db.query(`DROP TRIGGER refuse_audit_for_test ON audit_log`);
      await t.db.query(`DROP FUNCTION refuse_audit_for_test()`);
    }
    const [user] = await t.db.query(`SELECT suspended_at FROM users WHERE id = $1`, [alice.userId]);
    expect(user.suspended_at).toBeNull();
    expect((await alice.request('/v1/me')).status).toBe(200);
    expect(await t.db.query(`SELECT id FROM trial_blocks`)).toEqual([]);
    expect(await t.db.query(`SELECT id FROM dnc_entries`)).toEqual([]);
    // The replay's outcome was not recorded as completed without its audit line.
    const [event] = await t.db.query(`SELECT status FROM webhook_events WHERE id = $1`, [eventId]);
    expect(event.status).not.toBe('ignored');
    expect(await lines()).toEqual([]);
  });
});
