import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OptOutService } from '../../src/modules/compliance/opt-outs.service';
import { createBusiness } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { deliverVapi, eventRows, eventually, vapiEndOfCallReport } from '../webhooks/webhook-deliveries';
import { CA_NUMBER, compliance, grantConsent, seedCall } from './compliance.factory';

/** Opt-outs: said during a call (end-of-call report, through the real /webhooks/vapi pipeline) or replied STOP by SMS. */
describe('opt-outs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, clockAt: new Date('2026-03-10T17:00:00Z') });
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  const processed = () =>
    eventually(
      () => eventRows(t, 'vapi'),
      (rows) => rows.length > 0 && rows.every((r) => ['completed', 'failed', 'ignored'].includes(r.status)),
    );
  const dncEntries = () => t.db.query(`SELECT business_id, phone_e164, source, call_id, removed_at FROM dnc_entries ORDER BY created_at`);

  it('an opt-out in an end-of-call report puts the number on the DNC list in the same processing, and the next call is blocked', async () => {
    const businessId = await createBusiness(t);
    await grantConsent(t, CA_NUMBER, businessId);
    const callId = await seedCall(t, { to: CA_NUMBER, businessId, status: 'in_progress', createdAt: new Date('2026-03-10T16:58:00Z') });
    const report = vapiEndOfCallReport(randomUUID(), callId, { analysis: { summary: 'Asked not to be called again.', structuredData: { optOut: true } } });

    expect((await deliverVapi(t, report)).status).toBe(200);
    const [event] = await processed();
    expect(event.status).toBe('completed');
    // Read as soon as the event is completed: the entry committed with it.
    expect(await dncEntries()).toEqual([{ business_id: businessId, phone_e164: CA_NUMBER, source: 'in_call_opt_out', call_id: callId, removed_at: null }]);
    const [call] = await t.db.query(`SELECT status FROM calls WHERE id = $1`, [callId]);
    expect(call.status).toBe('completed');
    const revocations = await t.db.query(`SELECT method, call_id, business_id, captured_at FROM consent_records WHERE kind = 'revocation'`);
    expect(revocations).toEqual([{ method: 'in_call_opt_out', call_id: callId, business_id: businessId, captured_at: new Date('2026-01-01T10:01:30.000Z') }]);
    const [audit] = await t.db.query(`SELECT actor_kind, action, business_id FROM audit_log`);
    expect(audit).toEqual({ actor_kind: 'system', action: 'dnc.add', business_id: businessId });

    const next = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'follow_up', businessId });
    expect(next.decision).toBe('block');
    expect(next.reasons.map((r) => r.rule).sort()).toEqual(['consent.revoked', 'dnc.business']);
  });

  it("an opt-out on a trial call (no business) goes on Beaker's own list", async () => {
    const callId = await seedCall(t, { to: CA_NUMBER, direction: 'outbound_trial', status: 'in_progress', createdAt: new Date('2026-03-10T16:58:00Z') });
    const report = vapiEndOfCallReport(randomUUID(), callId);
    (report.message.artifact as { messages: unknown[] }).messages.push({
      role: 'tool_calls',
      message: '',
      time: 5,
      secondsFromStart: 5,
      toolCalls: [{ id: 'tc1', type: 'function', function: { name: 'opt_out', arguments: '{}' } }],
    });
    await deliverVapi(t, report);
    await processed();
    expect(await dncEntries()).toEqual([expect.objectContaining({ business_id: null, source: 'in_call_opt_out', call_id: callId })]);
    expect((await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'trial_demo' })).reasons.map((r) => r.rule)).toContain('dnc.beaker');
  });

  it('records an opt-out once per call: a re-processed report, or one after staff removed the entry, adds nothing', async () => {
    const businessId = await createBusiness(t);
    const callId = await seedCall(t, { to: CA_NUMBER, businessId, createdAt: new Date('2026-03-10T16:58:00Z') });
    const optOut = { callId, businessId, trialId: null, phoneE164: CA_NUMBER, source: 'structured-data' as const, at: new Date('2026-03-10T17:00:00Z') };
    await t.app.get(DataSource).transaction((m) => t.app.get(OptOutService).recordInCallOptOut(optOut, m));
    await t.db.query(`UPDATE dnc_entries SET removed_at = now(), removed_by_kind = 'admin', removal_reason = 'disputed'`);
    const again = await t.app.get(DataSource).transaction((m) => t.app.get(OptOutService).recordInCallOptOut(optOut, m));
    expect(again).toEqual({ listed: false, revoked: false });
    expect(await t.db.query(`SELECT id FROM dnc_entries`)).toHaveLength(1);
    expect(await t.db.query(`SELECT id FROM consent_records WHERE kind = 'revocation'`)).toHaveLength(1);
  });

  it('a STOP reply by SMS lists the number for the business and revokes consent', async () => {
    const businessId = await createBusiness(t);
    await grantConsent(t, CA_NUMBER, businessId);
    expect(await t.app.get(OptOutService).recordSmsStop(CA_NUMBER, businessId)).toEqual({ listed: true, revoked: true });
    expect(await dncEntries()).toEqual([expect.objectContaining({ business_id: businessId, source: 'sms_stop' })]);
    const check = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(check.reasons.map((r) => r.rule).sort()).toEqual(['consent.revoked', 'dnc.business']);
    // Twice STOP: listed once, the second message is still evidence.
    expect(await t.app.get(OptOutService).recordSmsStop(CA_NUMBER, businessId, 'stop')).toEqual({ listed: false, revoked: true });
  });
});
