import { inbox } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';
import { leadCalls, leadsSettled, liveBusiness, type LiveBusiness } from './leads.factory';

const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');

/** A caller the agent spoke with is a lead of the business, and its owners are told, like any other lead. */
describe('speed-to-lead: leads from inbound calls', () => {
  let t: TestApp;
  let b: LiveBusiness;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOON_MIAMI, inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '20' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOON_MIAMI);
    await resetState(t);
    b = await liveBusiness(t);
  });
  afterEach(async () => leadsSettled(t));

  it('an answered inbound call becomes a lead with what the agent learnt, once, and the owner gets an email with its urgency', async () => {
    const res = await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: b.number, from: '+13125550142' } });
    expect(res.status).toBe(202);
    const [lead] = await eventually(() => t.db.query(`SELECT * FROM leads WHERE business_id = $1`, [b.id]), (rows) => rows.length === 1);
    expect(lead).toMatchObject({ source: 'inbound_call', status: 'called', status_reason: 'inbound_call', phone_e164: '+13125550142', auto_call: false });
    expect(lead.name).toEqual(expect.any(String));
    expect(lead.message).toBe('AC repair: unit blowing warm air');
    const [call] = await t.db.query(`SELECT id, status FROM calls WHERE id = $1`, [lead.inbound_call_id]);
    expect(call.status).toBe('completed');
    // Not called back: the person just spoke with the agent.
    expect(await leadCalls(t, lead.id)).toHaveLength(0);

    const mail = await eventually(() => inbox(t, b.owner.email), (m) => m.length > 0);
    expect(mail[0].subject).toBe(`New lead for Cool Air HVAC: ${lead.name} (high urgency)`);
    expect(mail[0].text).toContain('a call to your number');

    const view = await (await b.owner.request(`/v1/leads/${lead.id}`)).json();
    expect(view.extracted).toMatchObject({ intent: 'AC repair: unit blowing warm air', urgency: 'high' });
  });

  it('a caller on the business do-not-call list, turned away by the agent, is no lead', async () => {
    await t.db.query(`INSERT INTO dnc_entries (business_id, phone_e164, source, reason, created_by_kind) VALUES ($1, '+13125550142', 'business', 'asked', 'system')`, [b.id]);
    expect((await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: b.number, from: '+13125550142' } })).status).toBe(202);
    await eventually(() => t.db.query(`SELECT status FROM calls WHERE business_id = $1`, [b.id]), (rows) => rows.length === 1 && ['completed', 'failed'].includes(rows[0].status));
    await leadsSettled(t);
    expect(await t.db.query(`SELECT id FROM leads`)).toEqual([]);
  });
});
