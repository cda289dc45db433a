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

  it("a trial's page: the trial and who started it", async () => {
    const { owner } = await seed();
    const [trial] = await t.db.query(`SELECT id FROM trials WHERE user_id = $1`, [owner.userId]);
    const res = await staff.request(`/v1/admin/trials/${trial.id}`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.trial).toMatchObject({ id: trial.id, businessName: 'Dana Heating', phone: '+13125550142', callsUsed: 0 });
    expect(page.owner).toEqual({ id: owner.userId, email: 'dana@coolair.example' });
  });

  it("a lead's page: what its business sees, and the business's name", async () => {
    const { businessId, leadId } = await seed();
    const res = await staff.request(`/v1/admin/leads/${leadId}`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.businessName).toBe('Cool Air HVAC');
    expect(page.lead).toMatchObject({ id: leadId, businessId, name: 'Pat Lead', phone: '+16305550123' });
  });

  it("a phone number's page: the number, its provider ids and its business", async () => {
    const { businessId } = await seed();
    const [number] = await t.db.query(`SELECT id FROM phone_numbers WHERE business_id = $1`, [businessId]);
    await t.db.query(`UPDATE phone_numbers SET twilio_sid = 'PN0123', vapi_phone_number_id = 'vapi-num-1' WHERE id = $1`, [number.id]);
    const res = await staff.request(`/v1/admin/phone-numbers/${number.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: number.id, e164: '+17735550100', status: 'active', businessId, businessName: 'Cool Air HVAC', twilioSid: 'PN0123', vapiPhoneNumberId: 'vapi-num-1' });
  });

  it("a call's webhook events: Vapi's by its call id and Twilio's by its CallSid, oldest first, no one else's", async () => {
    const { callId } = await seed();
    const vapiCallId = randomUUID();
    const sid = `CA${'a1'.repeat(16)}`;
    await t.db.query(`UPDATE calls SET vapi_call_id = $2, twilio_call_sid = $3 WHERE id = $1`, [callId, vapiCallId, sid]);
    const insert = async (provider: string, eventId: string, minutesAgo: number) =>
      (
        await t.db.query(
          `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, received_at) VALUES ($1, $2, 'x', '{}'::jsonb, 'completed', now() - make_interval(mins => $3)) RETURNING id`,
          [provider, eventId, minutesAgo],
        )
      )[0].id as string;
    const statusUpdate = await insert('vapi', `${vapiCallId}:status-update:in-progress`, 10);
    const report = await insert('vapi', `${vapiCallId}:end-of-call-report`, 5);
    const twilio = await insert('twilio', `${sid}:completed`, 7);
    await insert('vapi', `${randomUUID()}:end-of-call-report`, 6);
    await insert('stripe', `${vapiCallId}:not-a-call`, 4);

    const res = await staff.request(`/v1/admin/calls/${callId}/webhook-events`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items.map((e: { id: string }) => e.id)).toEqual([statusUpdate, twilio, report]);
    expect(page.nextCursor).toBeNull();
  });

  it('answers 404 NOT_FOUND for an unknown or malformed id', async () => {
    for (const path of [
      `/v1/admin/users/${randomUUID()}`,
      '/v1/admin/users/nope',
      `/v1/admin/businesses/${randomUUID()}`,
      '/v1/admin/businesses/nope',
      `/v1/admin/trials/${randomUUID()}`,
      '/v1/admin/trials/nope',
      `/v1/admin/leads/${randomUUID()}`,
      '/v1/admin/leads/nope',
      `/v1/admin/phone-numbers/${randomUUID()}`,
      '/v1/admin/phone-numbers/nope',
      `/v1/admin/calls/${randomUUID()}/webhook-events`,
      '/v1/admin/calls/nope/webhook-events',
    ]) {
      const res = await staff.request(path);
      expect({ path, status: res.status, code: (await res.json()).code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });
});
