import { randomUUID } from 'node:crypto';
import { JobName, JOB_QUEUES } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { CallsService } from '../../src/modules/calls/calls.service';
import { deferredCallJobId } from '../../src/modules/compliance/compliance.service';
import { DeferredCall, DeferredCallJobs, DeferredCallPlacer, DeferredCallPlacers } from '../../src/modules/compliance/deferred-calls';
import { createBusiness } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';
import { CA_NUMBER, compliance, decisionRow, FL_NUMBER, grantConsent, seedCall } from './compliance.factory';

const HOUR = 3600_000;
// Tuesday 10 March 2026, 12:00 in Miami (EDT, two days after the DST change).
const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');

/** A stand-in for the speed-to-lead module: places the call the way an owner would. */
class LeadCallPlacerForTest extends DeferredCallPlacer {
  readonly calls: DeferredCall[] = [];
  constructor(private readonly t: TestApp) {
    super();
  }
  async placeDeferredCall(call: DeferredCall): Promise<{ callId: string }> {
    this.calls.push(call);
    const placed = await this.t.app.get(CallsService).createCall({ direction: 'outbound_lead', businessId: call.businessId, toE164: call.to });
    return { callId: placed.id };
  }
}

/** Velocity caps defer (never drop) a call; the deferral is a delayed job that checks again and hands the call back. */
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

  const defaultQueue = () => t.app.get(JobsService).queue(JOB_QUEUES[JobName.DeferredCall]);

  it('defers the 4th call to a Florida number in 24 h to the oldest call + 24 h, and queues the re-check there', async () => {
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
    expect(row).toMatchObject({ decision: 'defer', lead_id: leadId, business_id: businessId, outcome: 'deferred', deferred_job_id: check.deferredJobId });
    expect(row.input_summary.history.callsToNumberLast24h).toHaveLength(3);

    const job = await defaultQueue().getJob(deferredCallJobId({ kind: 'lead', id: leadId }, check.nextAllowedAt!));
    expect(job?.name).toBe(JobName.DeferredCall);
    expect(job?.data).toEqual({ decisionId: check.decisionId, deferrals: 0 });
    expect(job?.opts.delay).toBe(check.nextAllowedAt!.getTime() - NOON_MIAMI.getTime());
    expect(await job?.getState()).toBe('delayed');
  });

  it('pushes a freed slot that falls after 8 pm in Florida to 8 am the next morning', async () => {
    // The oldest call was at 21:00 EDT yesterday: its slot frees at 21:00 today, after Florida's 20:00.
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date('2026-03-10T01:00:00Z') });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date('2026-03-10T13:00:00Z') });
    await seedCall(t, { to: FL_NUMBER, createdAt: new Date('2026-03-10T15:00:00Z') });
    const check = await compliance(t).checkBeforeCall({ to: FL_NUMBER, purpose: 'speed_to_lead', businessId, scheduleDeferral: false });
    expect(check.decision).toBe('defer');
    expect(check.nextAllowedAt).toEqual(new Date('2026-03-11T12:00:00Z')); // 08:00 EDT
    expect(check.deferredJobId).toBeNull();
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
    const check = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId, scheduleDeferral: false });
    expect(check.decision).toBe('defer');
    expect(check.reasons.map((r) => r.rule)).toEqual(['velocity.business_per_minute']);
    expect(check.nextAllowedAt).toEqual(new Date(NOON_MIAMI.getTime() + 60_000));
  });

  it("defers when the voice provider's 10 concurrent calls are in progress", async () => {
    for (let i = 0; i < 10; i++) await seedCall(t, { to: `+1212555${String(1000 + i)}`, status: 'in_progress', createdAt: new Date(NOON_MIAMI.getTime() - 5 * 60_000) });
    const check = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'trial_demo', scheduleDeferral: false });
    expect(check.decision).toBe('defer');
    expect(check.reasons.map((r) => r.rule)).toEqual(['velocity.provider_concurrency']);
  });

  it('counts allowed calls not placed yet, so concurrent checks cannot all take the last slots', async () => {
    const checks = await Promise.all(
      Array.from({ length: 5 }, () => compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId, scheduleDeferral: false })),
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
    const deferred = await compliance(t).checkBeforeCall({ to: FL_NUMBER, purpose: 'speed_to_lead', businessId, scheduleDeferral: false });
    expect(deferred.decision).toBe('defer');
    await expect(compliance(t).linkDecisionToCall(deferred.decisionId, call.id)).rejects.toMatchObject({ code: 'COMPLIANCE.DECISION_NOT_LINKABLE' });
  });

  it('at nextAllowedAt the worker checks again and hands the allowed call to its owner, who links it', async () => {
    const placer = new LeadCallPlacerForTest(t);
    jest.spyOn(t.app.get(DeferredCallPlacers), 'placerFor').mockReturnValue(placer);
    for (let i = 0; i < 10; i++) await seedCall(t, { to: `+1212555${String(2000 + i)}`, status: 'in_progress', createdAt: new Date(NOON_MIAMI.getTime() - 60_000) });
    const leadId = randomUUID();
    const deferred = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId, leadId });
    expect(deferred.decision).toBe('defer');

    // The provider's calls end; the minute comes (the job is promoted rather than waited for).
    await t.db.query(`UPDATE calls SET status = 'completed' WHERE status = 'in_progress'`);
    t.clock!.set(deferred.nextAllowedAt!);
    await (await defaultQueue().getJob(deferred.deferredJobId!))!.promote();

    await eventually(async () => placer.calls.length, (n) => n > 0);
    expect(placer.calls).toEqual([expect.objectContaining({ owner: { kind: 'lead', id: leadId }, to: CA_NUMBER, businessId, leadId, purpose: 'speed_to_lead' })]);
    const recheck = await decisionRow(t, placer.calls[0].decisionId);
    await eventually(async () => (await decisionRow(t, recheck.id)).call_id, (id) => id !== null);
    expect(await decisionRow(t, recheck.id)).toMatchObject({ decision: 'allow', previous_decision_id: deferred.decisionId, outcome: 'call_placed' });
    expect(recheck.evaluated_at).toEqual(deferred.nextAllowedAt);
  });

  it('re-defers when the re-check still says not now, and marks the decision when no owner is registered', async () => {
    jest.spyOn(t.app.get(DeferredCallPlacers), 'placerFor').mockReturnValue(null);
    for (let i = 0; i < 10; i++) await seedCall(t, { to: `+1212555${String(3000 + i)}`, status: 'in_progress', createdAt: new Date(NOON_MIAMI.getTime() - 60_000) });
    const trialCallOwner = randomUUID();
    const deferred = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'trial_demo', trialId: trialCallOwner, scheduleDeferral: true });
    const jobs = t.app.get(DeferredCallJobs);

    // Still 10 calls in progress a minute later: deferred again, by a new job in the chain.
    t.clock!.set(deferred.nextAllowedAt!);
    expect(await jobs.recheck({ decisionId: deferred.decisionId, deferrals: 0 })).toBe('deferred');
    const [second] = await t.db.query(`SELECT * FROM compliance_decisions WHERE previous_decision_id = $1`, [deferred.decisionId]);
    expect(second).toMatchObject({ decision: 'defer', outcome: 'deferred', deferred_job_id: expect.stringMatching(/-1$/) });
    // A retried job does not check twice.
    expect(await jobs.recheck({ decisionId: deferred.decisionId, deferrals: 0 })).toBe('deferred');
    expect(await t.db.query(`SELECT id FROM compliance_decisions WHERE previous_decision_id = $1`, [deferred.decisionId])).toHaveLength(1);

    await t.db.query(`UPDATE calls SET status = 'completed' WHERE status = 'in_progress'`);
    t.clock!.set(second.next_allowed_at);
    expect(await jobs.recheck({ decisionId: second.id, deferrals: 1 })).toBe('no-placer');
    const [third] = await t.db.query(`SELECT * FROM compliance_decisions WHERE previous_decision_id = $1`, [second.id]);
    expect(third).toMatchObject({ decision: 'allow', outcome: 'no_placer', call_id: null });
  });
});
