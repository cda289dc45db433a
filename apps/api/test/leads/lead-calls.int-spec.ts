import { DoNotCallService } from '../../src/modules/compliance/do-not-call.service';
import { inbox } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';
import {
  createForm,
  leadCalls,
  leadReaches,
  leadRow,
  leadsSettled,
  liveBusiness,
  promoteDelayedLeadCalls,
  pushLead,
  consentOf,
  submitForm,
  type LiveBusiness,
} from './leads.factory';

const MINUTE = 60_000;
// Tuesday 10 March 2026, 12:00 in Miami (EDT).
const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');
const SEVEN_AM_MIAMI = new Date('2026-03-10T11:00:00Z');
const EIGHT_AM_MIAMI = new Date('2026-03-10T12:00:00Z');
const MIAMI_LEAD = '+13055550123';
/** The sandbox's "nobody answers" number (ends in 0001), in Miami too. */
const MIAMI_NO_ANSWER = '+13055550001';

/**
 * A new lead is checked by compliance and called by the business's agent at once when the law
 * allows; deferred to the lawful minute (and checked again then) when it does not; never called
 * when it forbids or the plan is used up; retried twice when nobody answers.
 */
describe('speed-to-lead: the call', () => {
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

  it('allow: a form lead is called at once by the business agent, which greets them by name about their request; the owner is emailed', async () => {
    const form = await createForm(t, b);
    const res = await submitForm(t, form.id, { name: 'Jordan Lee', phone: '(305) 555-0123', message: 'The AC is blowing warm air' });
    expect(res.status).toBe(202);
    const accepted = await res.json();
    expect(accepted).toEqual({ leadId: expect.any(String), duplicate: false, thankYouMessage: form.thankYouMessage });

    const lead = await leadReaches(t, accepted.leadId, ['called']);
    expect(lead).toMatchObject({ phone_e164: MIAMI_LEAD, source: 'form', form_id: form.id, attempts: 1, next_attempt_at: null });
    const [call] = await leadCalls(t, accepted.leadId);
    expect(call).toMatchObject({ attempt: 1, outcome: 'answered', status: 'completed', direction: 'outbound_lead', to_e164: MIAMI_LEAD });
    expect(call.placed_at).not.toBeNull();

    // The decision that allowed it is linked to the call, and the consent to the lead.
    const [decision] = await t.db.query(`SELECT decision, call_id, purpose, outcome FROM compliance_decisions WHERE lead_id = $1`, [accepted.leadId]);
    expect(decision).toEqual({ decision: 'allow', call_id: call.call_id, purpose: 'speed_to_lead', outcome: 'call_placed' });

    // The agent greeted the lead by name and referred to the request; the report is on the call.
    const report = await (await b.owner.request(`/v1/calls/${call.call_id}`)).json();
    expect(report.transcript[0].text).toMatch(/^Hi Jordan, this is the AI assistant of Cool Air HVAC, calling you back about your request: The AC is blowing warm air/);
    expect(report.summary).toContain('The AC is blowing warm air');

    const view = await (await b.owner.request(`/v1/leads/${accepted.leadId}`)).json();
    expect(view.status).toBe('called');
    expect(view.extracted).toMatchObject({ name: 'Jordan Lee', urgency: 'high' });
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['submission', 'consent', 'decision', 'call', 'status']));

    const mail = await eventually(() => inbox(t, b.owner.email), (m) => m.length > 0);
    expect(mail[0].subject).toBe('New lead for Cool Air HVAC: Jordan Lee');
    expect(mail[0].text).toContain('The AC is blowing warm air');
    expect(mail[0].text).toContain(`/app/businesses/${b.id}/leads/${accepted.leadId}`);
    // Usage counts the call.
    expect((await t.db.query(`SELECT calls_used_this_period FROM businesses WHERE id = $1`, [b.id]))[0].calls_used_this_period).toBe(1);
  });

  it('defer: before 8 am in Miami the lead waits for 8:00; a run at 7:59 does not call it; at 8:00 it is checked again and called', async () => {
    t.clock!.set(SEVEN_AM_MIAMI);
    const res = await pushLead(t, b.key, { phone: MIAMI_LEAD, name: 'Jordan Lee', message: 'Furnace quote', consent: consentOf(t) });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const deferred = await leadReaches(t, id, ['deferred']);
    expect(deferred.next_attempt_at).toEqual(EIGHT_AM_MIAMI);
    expect(deferred.status_reason).toBe('federal.calling_hours');
    await leadsSettled(t);

    t.clock!.set(new Date(EIGHT_AM_MIAMI.getTime() - MINUTE));
    expect(await promoteDelayedLeadCalls(t)).toBe(1);
    await leadsSettled(t);
    expect((await leadRow(t, id)).status).toBe('deferred');
    expect(await leadCalls(t, id)).toHaveLength(0);

    t.clock!.set(EIGHT_AM_MIAMI);
    expect(await promoteDelayedLeadCalls(t)).toBeGreaterThanOrEqual(1);
    await leadReaches(t, id, ['calling', 'called']);
    const [call] = await leadCalls(t, id);
    expect(new Date(call.created_at).getTime()).toBeGreaterThanOrEqual(EIGHT_AM_MIAMI.getTime());
    // The re-check names the decision that deferred it.
    const decisions = await t.db.query(`SELECT id, decision, previous_decision_id FROM compliance_decisions WHERE lead_id = $1 ORDER BY evaluated_at`, [id]);
    expect(decisions.map((d: { decision: string }) => d.decision)).toEqual(['defer', 'allow']);
    expect(decisions[1].previous_decision_id).toBe(decisions[0].id);
    await leadReaches(t, id, ['called']);
  });

  it('a number added to the do-not-call list while the lead waits is never called', async () => {
    t.clock!.set(SEVEN_AM_MIAMI);
    const { id } = await (await pushLead(t, b.key, { phone: MIAMI_LEAD, consent: consentOf(t) })).json();
    await leadReaches(t, id, ['deferred']);
    await t.app.get(DoNotCallService).add({ list: b.id, phone: MIAMI_LEAD, source: 'business', reason: 'asked on the phone', actor: { kind: 'system', id: null } });

    t.clock!.set(EIGHT_AM_MIAMI);
    await promoteDelayedLeadCalls(t);
    const blocked = await leadReaches(t, id, ['blocked']);
    expect(blocked.status_reason).toBe('dnc.business');
    expect(await leadCalls(t, id)).toHaveLength(0);
  });

  it('block: a number on the business list is never called, and the reasons are in the timeline', async () => {
    await t.app.get(DoNotCallService).add({ list: b.id, phone: MIAMI_LEAD, source: 'business', reason: 'asked', actor: { kind: 'system', id: null } });
    const { id } = await (await pushLead(t, b.key, { phone: MIAMI_LEAD, consent: consentOf(t) })).json();
    const lead = await leadReaches(t, id, ['blocked']);
    expect(lead.status_reason).toBe('dnc.business');
    expect(await leadCalls(t, id)).toHaveLength(0);
    const view = await (await b.owner.request(`/v1/leads/${id}`)).json();
    const decision = view.timeline.find((e: { kind: string }) => e.kind === 'decision');
    expect(decision).toMatchObject({ decision: 'block', reasons: [expect.objectContaining({ rule: 'dnc.business' })] });
  });

  it('a lead without consent evidence is kept and never called (blocked, consent.missing)', async () => {
    const res = await pushLead(t, b.key, { phone: MIAMI_LEAD, name: 'Jordan Lee' });
    expect(res.status).toBe(202);
    const lead = await res.json();
    expect(lead).toMatchObject({ status: 'blocked', statusReason: 'consent.missing', phone: MIAMI_LEAD, nextAttemptAt: null, calls: [] });
    await leadsSettled(t);
    expect(await leadCalls(t, lead.id)).toHaveLength(0);
    expect(await t.db.query(`SELECT 1 FROM compliance_decisions WHERE lead_id = $1`, [lead.id])).toHaveLength(0);
  });

  it('over the plan limit: the lead is kept, not called, and the owners are told', async () => {
    await t.db.query(`UPDATE businesses SET calls_used_this_period = calls_included WHERE id = $1`, [b.id]);
    const { id } = await (await pushLead(t, b.key, { phone: MIAMI_LEAD, name: 'Jordan Lee', consent: consentOf(t) })).json();
    const lead = await leadReaches(t, id, ['blocked']);
    expect(lead.status_reason).toBe('plan.limit_reached');
    expect(await leadCalls(t, id)).toHaveLength(0);
    expect((await t.db.query(`SELECT calls_used_this_period AS used, calls_included AS included FROM businesses WHERE id = $1`, [b.id]))[0]).toEqual({ used: 100, included: 100 });
    const [decision] = await t.db.query(`SELECT decision, outcome, call_id FROM compliance_decisions WHERE lead_id = $1`, [id]);
    expect(decision).toEqual({ decision: 'allow', outcome: 'owner_declined', call_id: null });
    const mail = await eventually(() => inbox(t, b.owner.email), (m) => m.some((x) => x.subject.includes('was not called')));
    expect(mail.find((x) => x.subject.includes('was not called'))!.text).toContain('used all the calls of its plan');
  });

  it('no answer: a second attempt 10 minutes later, a third the next day at the same local time, each through compliance; then failed', async () => {
    // 7:55 pm in Miami: Florida allows calls until 8 pm.
    const firstAt = new Date('2026-03-10T23:55:00Z');
    t.clock!.set(firstAt);
    const { id } = await (await pushLead(t, b.key, { phone: MIAMI_NO_ANSWER, consent: consentOf(t) })).json();
    const afterFirst = await leadReaches(t, id, ['deferred']);
    expect(afterFirst).toMatchObject({ status_reason: 'no_answer', attempts: 1 });
    const secondDue = new Date(afterFirst.next_attempt_at);
    expect(secondDue.getTime() - firstAt.getTime()).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(secondDue.getTime() - firstAt.getTime()).toBeLessThan(11 * MINUTE);
    await leadsSettled(t);

    // 10 minutes later it is 8:05 pm: compliance defers the second attempt to 8 am.
    t.clock!.set(secondDue);
    await promoteDelayedLeadCalls(t);
    const waiting = await eventually(() => leadRow(t, id), (r) => r.status === 'deferred' && r.status_reason !== 'no_answer');
    expect(new Date(waiting.next_attempt_at)).toEqual(new Date('2026-03-11T12:00:00Z'));
    await leadsSettled(t);

    t.clock!.set(new Date('2026-03-11T12:00:00Z'));
    await promoteDelayedLeadCalls(t);
    const afterSecond = await eventually(() => leadRow(t, id), (r) => r.status === 'deferred' && r.attempts === 2);
    expect(afterSecond.status_reason).toBe('no_answer');
    // The next day at the same local time as the first attempt: 7:55 pm in Miami.
    expect(new Date(afterSecond.next_attempt_at)).toEqual(new Date('2026-03-11T23:55:00Z'));
    await leadsSettled(t);

    t.clock!.set(new Date('2026-03-11T23:55:00Z'));
    await promoteDelayedLeadCalls(t);
    const failed = await leadReaches(t, id, ['failed']);
    expect(failed).toMatchObject({ status_reason: 'no_answer', attempts: 3, next_attempt_at: null });
    const calls = await leadCalls(t, id);
    expect(calls.map((c) => [c.attempt, c.outcome, c.ended_reason])).toEqual([
      [1, 'no_answer', 'customer-did-not-answer'],
      [2, 'no_answer', 'customer-did-not-answer'],
      [3, 'no_answer', 'customer-did-not-answer'],
    ]);
    const decisions = await t.db.query(`SELECT decision FROM compliance_decisions WHERE lead_id = $1 ORDER BY evaluated_at`, [id]);
    expect(decisions.map((d: { decision: string }) => d.decision)).toEqual(['allow', 'defer', 'allow', 'allow']);
  });
});
