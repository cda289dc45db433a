import { randomUUID } from 'node:crypto';
import { CallsService } from '../../src/modules/calls/calls.service';
import { createBusiness } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { CA_NUMBER, compliance, decisionRow, FL_NUMBER, grantConsent, seedCall } from './compliance.factory';

const HOUR = 3600_000;
// Tuesday 10 March 2026, 12:00 in Miami (EDT, two days after the DST change).
const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');

/** Velocity caps defer (never drop) a call to the earliest lawful minute; a re-check then is chained to the deferral. */
describe('velocity caps and deferral', () => {
  let t: TestApp;
  let businessId: string;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOON_MIAMI, inlineWorkers: true });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOON_MIAMI);
    await resetState(t);
    businessId = await createBusiness(t);
    await grantConsent(t, FL_NUMBER, businessId, new Date('2026-03-01T12:00:00Z'));
    await grantConsent(t, CA_NUMBER, businessId, new Date('2026-03-01T12:00:00Z'));
  });
  afterEach(() => jest.restoreAllMocks());

  it('defers the 4th call to a Florida number in 24 h to the oldest call + 24 h, and logs the decision with what it saw', async () => {
    const oldest = new Date(NOON_MIAMI.getTime() - 20 * HOUR);
    for (const at of [oldest, new Date(NOON_MIAMI.getTime() - 10 * HOUR), new Date(NOON_MIAMI.getTime() - 2 * HOUR)]) {
      await seedCall(t, { to: FL_NUMBER, createdAt: at }); // any owner counts
    }
    const leadId = randomUUID();
    const check = await compliance(t).checkBeforeCall({ to: FL_NUMBER, purpose: 'speed_to_lead', businessId, leadId });

    expect(check.decision).toBe('defer');
    expect(check.nextAllowedAt).toEqual(new Date(oldest.getTime() + 24 * HOUR));
    expect(check.reasons.map((r) => r.rule).sort()).toEqual(['FL.same_subject_cap', 'velocity.per_number_24h']);
    expect(check.reasons.find((r) => r.rule === 'FL.same_subject_cap')?.source).toMatch(/501\.616/);

    const row = await decisionRow(t, check.decisionId);
    // The owner of the call schedules the re-check; the decision itself is only the evidence.
    expect(row).toMatchObject({ decision: 'defer', lead_id: leadId, business_id: businessId, outcome: null, deferred_job_id: null });
    expect(new Date(row.next_allowed_at)).toEqual(check.nextAllowedAt);
    expect(row.input_summary.history.callsToNumberLast24h).toHaveLength(3);
  });

  it('pushes a freed slot that falls after 8 pm in Florida to 8 am the next morning', async () => {
    // The oldest call was at 21:00 EDT yesterday: its slot frees at 21:00 today, after Florida's 20:00.
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date('2026-03-10T01:00:00Z') });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date('2026-03-10T13:00:00Z') });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date('2026-03-10T15:00:00Z') });
    const check = await compliance(t).checkBeforeCall({ to: FL_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(check.decision).toBe('defer');
    expect(check.nextAllowedAt).toEqual(new Date('2026-03-11T12:00:00Z')); // 08:00 EDT
  });

  it('ignores inbound calls and calls older than 24 h', async () => {
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date(NOON_MIAMI.getTime() - 25 * HOUR) });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date(NOON_MIAMI.getTime() - HOUR), direction: 'inbound' });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date(NOON_MIAMI.getTime() - HOUR) });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date(NOON_MIAMI.getTime() - HOUR) });
    expect((await compliance(t).checkBeforeCall({ to: FL_NUMBER, purpose: 'speed_to_lead', businessId })).decision).toBe('allow');
  });

  it("defers on the business's calls-per-minute cap (its setting) by a minute", async () => {
    await t.db.query(`UPDATE businesses SET compliance_settings = '{"maxCallsPerMinute": 2}' WHERE id = $1`, [businessId]);
    await seedCall(t, { to: '+12125550101', businessId, createdAt: new Date(NOON_MIAMI.getTime() - 30_000) });
    await seedCall(t, { to: '+12125550102', businessId, createdAt: new Date(NOON_MIAMI.getTime() - 10_000) });
    const check = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(check.decision).toBe('defer');
    expect(check.reasons.map((r) => r.rule)).toEqual(['velocity.business_per_minute']);
    expect(check.nextAllowedAt).toEqual(new Date(NOON_MIAMI.getTime() + 60_000));
  });

  it("defers when the voice provider's 10 concurrent calls are in progress", async () => {
    for (let i = 0; i < 10; i++) await seedCall(t, { to: `+1212555${String(1000 + i)}`, status: 'in_progress', createdAt: new Date(NOON_MIAMI.getTime() - 5 * 60_000) });
    const check = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'trial_demo' });
    expect(check.decision).toBe('defer');
    expect(check.reasons.map((r) => r.rule)).toEqual(['velocity.provider_concurrency']);
  });

  it('counts allowed calls not placed yet, so concurrent checks cannot all take the last slots', async () => {
    const checks = await Promise.all(
      Array.from({ length: 5 }, () => compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId })),
    );
    expect(checks.filter((c) => c.decision === 'allow')).toHaveLength(3);
    expect(checks.filter((c) => c.decision === 'defer')).toHaveLength(2);
  });

  it('links an allowing decision to its call, and refuses to link a deferral', async () => {
    const allowed = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    const call = await t.app.get(CallsService).createCall({ direction: 'outbound_lead', businessId, toE164: CA_NUMBER });
    await compliance(t).linkDecisionToCall(allowed.decisionId, call.id);
    expect(await decisionRow(t, allowed.decisionId)).toMatchObject({ call_id: call.id, outcome: 'call_placed' });

    await t.db.query(`UPDATE businesses SET compliance_settings = '{"maxCallsPerMinute": 1}' WHERE id = $1`, [businessId]);
    const deferred = await compliance(t).checkBeforeCall({ to: FL_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(deferred.decision).toBe('defer');
    await expect(compliance(t).linkDecisionToCall(deferred.decisionId, call.id)).rejects.toMatchObject({ code: 'COMPLIANCE.DECISION_NOT_LINKABLE' });
  });

  it('a re-check at nextAllowedAt is chained to the deferral it follows, and allows once the provider has room', async () => {
    for (let i = 0; i < 10; i++) await seedCall(t, { to: `+1212555${String(2000 + i)}`, status: 'in_progress', createdAt: new Date(NOON_MIAMI.getTime() - 60_000) });
    const leadId = randomUUID();
    const deferred = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId, leadId });
    expect(deferred.decision).toBe('defer');

    // Still 10 calls in progress at the minute: deferred again, chained to the first.
    t.clock!.set(deferred.nextAllowedAt!);
    const again = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId, leadId }, undefined, { previousDecisionId: deferred.decisionId });
    expect(again.decision).toBe('defer');
    expect(await decisionRow(t, again.decisionId)).toMatchObject({ previous_decision_id: deferred.decisionId });

    // The provider's calls end; the next minute comes.
    await t.db.query(`UPDATE calls SET status = 'completed' WHERE status = 'in_progress'`);
    t.clock!.set(again.nextAllowedAt!);
    const allowed = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId, leadId }, undefined, { previousDecisionId: again.decisionId });
    expect(allowed.decision).toBe('allow');
    expect((await compliance(t).successorOf(again.decisionId))?.id).toBe(allowed.decisionId);
    const call = await t.app.get(CallsService).createCall({ direction: 'outbound_lead', businessId, toE164: CA_NUMBER });
    await compliance(t).linkDecisionToCall(allowed.decisionId, call.id);
    const row = await decisionRow(t, allowed.decisionId);
    expect(row).toMatchObject({ decision: 'allow', previous_decision_id: again.decisionId, outcome: 'call_placed', call_id: call.id });
    expect(new Date(row.evaluated_at)).toEqual(again.nextAllowedAt);
  });
});
