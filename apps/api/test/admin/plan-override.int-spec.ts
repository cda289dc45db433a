import { randomUUID } from 'node:crypto';
import { Database } from '../../src/database/database';
import { BusinessesService } from '../../src/modules/businesses';
import { createBusiness, signInAs, SignedInClient } from '../factories/auth.factory';
import { businessOf, checkoutCompleted, deliver, newSubscription, quiet, settled, subscriptionEvent } from '../billing/billing.factory';
import { resetState, startApp, TestApp } from '../harness';

const NOW = new Date('2026-01-10T12:00:00Z');
const HOUR = 3_600_000;

/**
 * Staff's plan override: a grant of included calls per period, until a date. The call checks and the
 * usage meter read it while it runs; Stripe's events keep it; each change writes one audit line.
 */
describe('admin: plan override', () => {
  let t: TestApp;
  let staff: SignedInClient;
  let owner: SignedInClient;
  let businessId: string;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOW, inlineWorkers: true });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOW);
    await resetState(t);
    staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
    owner = await signInAs(t, 'owner@example.com');
    businessId = await createBusiness(t, { ownerId: owner.userId, plan: 'starter' });
    // Ready to call (assistant, live number), its 100 starter calls used up, its period ending on Feb 1.
    await t.db.query(`UPDATE businesses SET vapi_assistant_id = 'asst_test', current_period_end = '2026-02-01T00:00:00Z', calls_used_this_period = 100 WHERE id = $1`, [businessId]);
    await t.db.query(`INSERT INTO phone_numbers (business_id, e164, twilio_sid, vapi_phone_number_id, status) VALUES ($1, '+17735550100', 'PN_test', 'pn_test', 'active')`, [businessId]);
  });
  afterEach(async () => quiet(t));

  const put = (id: string, json: unknown) => staff.request(`/v1/admin/businesses/${id}/plan-override`, { method: 'PUT', json });
  const del = (id: string, json: unknown) => staff.request(`/v1/admin/businesses/${id}/plan-override`, { method: 'DELETE', json });
  const auditLines = (): Promise<{ action: string; [column: string]: unknown }[]> => t.db.query(`SELECT * FROM audit_log ORDER BY at, id`);
  const overview = async () => (await owner.request(`/v1/businesses/${businessId}/overview`)).json();
  /** The real check an outbound call goes through (rolled back: it only asks). */
  const mayCall = async (): Promise<boolean> => {
    let allowed = false;
    await t.app
      .get(Database)
      .transaction(async (tx) => {
        allowed = 'caller' in (await t.app.get(BusinessesService).takeOutboundCall(businessId, tx));
        throw new Error('rollback');
      })
      .catch((e: Error) => {
        if (e.message !== 'rollback') throw e;
      });
    return allowed;
  };

  it('raises the limit the call check and the usage meter read, audited once, until it expires', async () => {
    expect(await mayCall()).toBe(false);
    expect(await overview()).toMatchObject({ callsIncluded: 100, callsUsedThisPeriod: 100, callsPausedReason: 'over_limit' });

    const until = new Date(NOW.getTime() + 2 * HOUR).toISOString();
    const res = await put(businessId, { callsIncluded: 150, reason: '  Launch week  ', until });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      businessId,
      plan: 'starter',
      planCallsIncluded: 100,
      callsIncluded: 150,
      callsUsedThisPeriod: 100,
      override: { callsIncluded: 150, until, reason: 'Launch week', setBy: staff.userId, setAt: NOW.toISOString() },
    });

    // A call beyond the plan is allowed; the meter shows the new limit.
    expect(await mayCall()).toBe(true);
    expect(await overview()).toMatchObject({ callsIncluded: 150, callsUsedThisPeriod: 100, callsPausedReason: null });
    expect((await (await owner.request(`/v1/businesses/${businessId}`)).json()).callsIncluded).toBe(150);
    const page = await (await staff.request(`/v1/admin/businesses/${businessId}`)).json();
    expect(page.planOverride).toMatchObject({ callsIncluded: 150, until, reason: 'Launch week' });
    expect(page.business.callsIncluded).toBe(150);

    const lines = await auditLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      action: 'plan_override.set',
      actor_kind: 'admin',
      actor_id: staff.userId,
      target_type: 'business',
      target_id: businessId,
      business_id: businessId,
      reason: 'Launch week',
      before: { callsIncluded: 100, callsUsedThisPeriod: 100, override: null },
      after: { callsIncluded: 150, callsUsedThisPeriod: 100, override: { callsIncluded: 150, until } },
    });
    expect(lines[0].request_id).toEqual(res.headers.get('x-request-id'));

    // At `until` it ends by itself: the plan's limit again, and nothing written.
    t.clock!.advance(2 * HOUR);
    expect(await mayCall()).toBe(false);
    expect(await overview()).toMatchObject({ callsIncluded: 100, callsPausedReason: 'over_limit' });
    expect((await (await staff.request(`/v1/admin/businesses/${businessId}`)).json()).planOverride).toBeNull();
    expect(await auditLines()).toHaveLength(1);
  });

  it('defaults `until` to the end of the current billing period, and can stop every call (0)', async () => {
    await t.db.query(`UPDATE businesses SET calls_used_this_period = 10 WHERE id = $1`, [businessId]);
    expect(await mayCall()).toBe(true);
    const res = await put(businessId, { callsIncluded: 0, reason: 'Abuse under review' });
    expect(res.status).toBe(200);
    expect((await res.json()).override).toMatchObject({ callsIncluded: 0, until: '2026-02-01T00:00:00.000Z' });
    expect(await mayCall()).toBe(false);
    expect(await overview()).toMatchObject({ callsIncluded: 0, callsUsedThisPeriod: 10, callsPausedReason: 'over_limit' });
  });

  it('is removed with a reason: the plan’s limit again, one audit line; removing none is 409 and writes nothing', async () => {
    expect((await put(businessId, { callsIncluded: 150, reason: 'Launch week' })).status).toBe(200);
    expect(await mayCall()).toBe(true);

    t.clock!.advance(60_000);
    const res = await del(businessId, { reason: 'Launch week is over' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ businessId, callsIncluded: 100, planCallsIncluded: 100, override: null });
    expect(await mayCall()).toBe(false);
    expect(await overview()).toMatchObject({ callsIncluded: 100 });

    const lines = await auditLines();
    expect(lines.map((l) => l.action)).toEqual(['plan_override.set', 'plan_override.remove']);
    expect(lines[1]).toMatchObject({
      reason: 'Launch week is over',
      target_id: businessId,
      before: { callsIncluded: 150, override: { callsIncluded: 150, until: '2026-02-01T00:00:00.000Z' } },
      after: { callsIncluded: 100, override: null },
    });

    const again = await del(businessId, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('BUSINESSES.NO_PLAN_OVERRIDE');
    expect(await auditLines()).toHaveLength(2);
  });

  it('refuses bad input (400) and unknown businesses (404), writing no audit line', async () => {
    const bad: unknown[] = [
      { callsIncluded: -1, reason: 'r' },
      { callsIncluded: 100001, reason: 'r' },
      { callsIncluded: 1.5, reason: 'r' },
      { callsIncluded: '150', reason: 'r' },
      { callsIncluded: 150 },
      { callsIncluded: 150, reason: '   ' },
      { callsIncluded: 150, reason: 'r', until: 'next week' },
      { callsIncluded: 150, reason: 'r', until: new Date(NOW.getTime() - 1000).toISOString() },
    ];
    for (const body of bad) {
      const res = await put(businessId, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, code: (await res.json()).code }).toEqual({ body, code: 'VALIDATION.FAILED' });
    }
    const noReason = await del(businessId, {});
    expect(noReason.status).toBe(400);

    // No billing period and no `until`: nothing to default to.
    await t.db.query(`UPDATE businesses SET current_period_end = NULL WHERE id = $1`, [businessId]);
    const noPeriod = await put(businessId, { callsIncluded: 150, reason: 'r' });
    expect(noPeriod.status).toBe(400);

    for (const id of [randomUUID(), 'not-a-uuid']) {
      const set = await put(id, { callsIncluded: 150, reason: 'r' });
      expect(set.status).toBe(404);
      expect((await set.json()).code).toBe('NOT_FOUND');
      expect((await del(id, { reason: 'r' })).status).toBe(404);
    }
    expect(await auditLines()).toEqual([]);
    expect(await overview()).toMatchObject({ callsIncluded: 100 });
  });

  it('survives Stripe subscription events: a plan change keeps the override', async () => {
    const s = await newSubscription(t, { withTrial: false });
    const start = [checkoutCompleted(s, 'starter'), subscriptionEvent(s, 'customer.subscription.created', { plan: 'starter' }, s.start)];
    for (const e of start) await deliver(t, e);
    await settled(t, start);
    const id = (await businessOf(t, s.subscriptionId))!.id as string;

    expect((await put(id, { callsIncluded: 1000, reason: 'Enterprise pilot' })).status).toBe(200);
    await t.db.query(`UPDATE businesses SET calls_used_this_period = 700 WHERE id = $1`, [id]);

    const upgraded = subscriptionEvent(s, 'customer.subscription.updated', { plan: 'pro' }, s.start + 60);
    await deliver(t, upgraded);
    expect(await settled(t, [upgraded])).toEqual({ [upgraded.id as string]: 'completed' });

    // Stripe's plan is stored; the override, and the calls used under it, stay.
    expect(await businessOf(t, s.subscriptionId)).toMatchObject({ plan: 'pro', calls_included: 500, calls_used_this_period: 700 });
    const page = await (await staff.request(`/v1/admin/businesses/${id}`)).json();
    expect(page.planOverride).toMatchObject({ callsIncluded: 1000, reason: 'Enterprise pilot' });
    expect(page.business).toMatchObject({ plan: 'pro', callsIncluded: 1000, callsUsedThisPeriod: 700 });
    expect((await auditLines()).filter((l) => l.action.startsWith('plan_override.'))).toHaveLength(1);
  }, 60_000);
});
