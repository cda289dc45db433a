import { randomUUID } from 'node:crypto';
import { createBusiness, signInAs, SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

describe('admin: the pages of a user and a business', () => {
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

  async function seed() {
    const owner = await signInAs(t, 'dana@coolair.example');
    const businessId = await createBusiness(t, { name: 'Cool Air HVAC', ownerId: owner.userId });
    await t.db.query(`UPDATE businesses SET stripe_customer_id = 'cus_page', stripe_subscription_id = 'sub_page' WHERE id = $1`, [businessId]);
    await t.db.query(`INSERT INTO phone_numbers (business_id, e164, status) VALUES ($1, '+17735550100', 'active')`, [businessId]);
    await t.db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at) VALUES ($1, 'hvac', 'Dana Heating', 'lead_intake', '+13125550142', now() + interval '2 days')`,
      [owner.userId],
    );
    const [call] = await t.db.query(
      `INSERT INTO calls (business_id, direction, status, to_e164, from_e164) VALUES ($1, 'inbound', 'completed', '+17735550100', '+13125550199') RETURNING id`,
      [businessId],
    );
    const [lead] = await t.db.query(
      `INSERT INTO leads (business_id, source, phone_e164, name, auto_call, last_submission_at) VALUES ($1, 'api', '+16305550123', 'Pat Lead', true, now()) RETURNING id`,
      [businessId],
    );
    return { owner, businessId, callId: call.id, leadId: lead.id };
  }

  it("a user's page: account, sessions, businesses, trials and what staff did to them", async () => {
    const { owner, businessId } = await seed();
    expect((await staff.request(`/v1/admin/users/${owner.userId}/suspension`, { method: 'POST', json: { reason: 'Chargebacks' } })).status).toBe(201);

    const res = await staff.request(`/v1/admin/users/${owner.userId}`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.user).toMatchObject({ id: owner.userId, email: 'dana@coolair.example', suspensionReason: 'Chargebacks' });
    expect(page.sessions).toHaveLength(1);
    expect(page.sessions[0].revokedAt).not.toBeNull();
    expect(page.sessions[0]).not.toHaveProperty('tokenHash');
    expect(page.businesses).toEqual([{ id: businessId, name: 'Cool Air HVAC', role: 'owner' }]);
    expect(page.trials.map((tr: { businessName: string }) => tr.businessName)).toEqual(['Dana Heating']);
    expect(page.auditEvents.map((e: { action: string }) => e.action)).toEqual(['user.suspend']);
  });

  it("a business's page: overview, Stripe ids, members, recent calls and leads", async () => {
    const { owner, businessId, callId, leadId } = await seed();
    const res = await staff.request(`/v1/admin/businesses/${businessId}`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.business).toMatchObject({ id: businessId, name: 'Cool Air HVAC', plan: 'starter', yourRole: null });
    expect(page).toMatchObject({ stripeCustomerId: 'cus_page', stripeSubscriptionId: 'sub_page' });
    expect(page.members.map((m: { userId: string; role: string }) => [m.userId, m.role])).toEqual([[owner.userId, 'owner']]);
    expect(page.recentCalls.map((c: { id: string }) => c.id)).toEqual([callId]);
    expect(page.recentLeads.map((l: { id: string }) => l.id)).toEqual([leadId]);
    expect(page.auditEvents).toEqual([]);
  });

  it('answers 404 NOT_FOUND for an unknown or malformed id', async () => {
    for (const path of [`/v1/admin/users/${randomUUID()}`, '/v1/admin/users/nope', `/v1/admin/businesses/${randomUUID()}`, '/v1/admin/businesses/nope']) {
      const res = await staff.request(path);
      expect({ path, status: res.status, code: (await res.json()).code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });
});
