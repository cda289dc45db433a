import { resetState, startApp, TestApp } from '../harness';
import { createBusiness, signInAs } from '../factories/auth.factory';
import { OptOutService } from '../../src/modules/compliance/opt-outs.service';
import { CA_NUMBER, compliance, FL_NUMBER, grantConsent, seedCall } from './compliance.factory';

/** Do-not-call lists: the API (business and staff), the audit trail, and the next evaluation. */
describe('do-not-call lists', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 17:00 UTC = 09:00 in San Francisco on a Tuesday: inside every window.
    t = await startApp({ clockAt: new Date('2026-03-10T17:00:00Z') });
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  async function ownerAndBusiness() {
    const owner = await signInAs(t, 'owner@coolair.example');
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    return { owner, businessId };
  }

  it('a DNC entry blocks the next evaluation of that business, and only of that business', async () => {
    const { owner, businessId } = await ownerAndBusiness();
    const otherBusiness = await createBusiness(t, { name: 'Gym Co' });
    await grantConsent(t, CA_NUMBER, businessId);
    await grantConsent(t, CA_NUMBER, otherBusiness);

    const before = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(before.decision).toBe('allow');

    const res = await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: '+1 (415) 555-0123', reason: 'Asked by email' } });
    expect(res.status).toBe(201);
    const entry = await res.json();
    expect(entry).toMatchObject({ businessId, phone: CA_NUMBER, source: 'business', reason: 'Asked by email', createdBy: { kind: 'user', id: owner.userId }, removedAt: null });

    const after = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(after.decision).toBe('block');
    expect(after.reasons.map((r) => r.rule)).toEqual(['dnc.business']);
    const [stored] = await t.db.query(`SELECT decision, reasons, input_summary FROM compliance_decisions WHERE id = $1`, [after.decisionId]);
    expect(stored.decision).toBe('block');
    expect(stored.input_summary.dnc).toEqual({ onBeakerList: false, onBusinessList: true });

    // Another business's list is its own.
    expect((await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId: otherBusiness })).decision).toBe('allow');
  });

  it("Beaker's own list (staff) blocks every business and trial calls", async () => {
    const { businessId } = await ownerAndBusiness();
    await grantConsent(t, CA_NUMBER, businessId);
    const admin = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    const res = await admin.request('/v1/admin/dnc', { method: 'POST', json: { phone: CA_NUMBER, reason: 'Litigator' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ businessId: null, source: 'admin', createdBy: { kind: 'admin' } });

    const lead = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    const trial = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'trial_demo' });
    expect(lead.reasons.map((r) => r.rule)).toEqual(['dnc.beaker']);
    expect(trial.decision).toBe('block');

    const list = await (await admin.request(`/v1/admin/dnc?phone=${encodeURIComponent(CA_NUMBER)}`)).json();
    expect(list.items).toHaveLength(1);
  });

  it('removes an entry only with a reason, keeps it in the history, and audits add and remove', async () => {
    const { owner, businessId } = await ownerAndBusiness();
    const entry = await (await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: CA_NUMBER, reason: 'Asked' } })).json();

    const noReason = await owner.request(`/v1/businesses/${businessId}/dnc/${entry.id}`, { method: 'DELETE', json: {} });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).code).toBe('VALIDATION.FAILED');

    const removed = await owner.request(`/v1/businesses/${businessId}/dnc/${entry.id}`, { method: 'DELETE', json: { reason: 'Wrong number' } });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({ id: entry.id, removalReason: 'Wrong number', removedBy: { kind: 'user', id: owner.userId } });
    expect((await owner.request(`/v1/businesses/${businessId}/dnc/${entry.id}`, { method: 'DELETE', json: { reason: 'again' } })).status).toBe(404);

    const active = await (await owner.request(`/v1/businesses/${businessId}/dnc`)).json();
    const all = await (await owner.request(`/v1/businesses/${businessId}/dnc?status=all`)).json();
    expect(active.items).toEqual([]);
    expect(all.items.map((e: { id: string }) => e.id)).toEqual([entry.id]);

    const audit = await t.db.query(`SELECT actor_kind, actor_id, action, target_type, target_id, business_id, details FROM audit_log ORDER BY at, action`);
    expect(audit).toEqual([
      expect.objectContaining({ actor_kind: 'user', actor_id: owner.userId, action: 'dnc.add', target_type: 'dnc_entry', target_id: entry.id, business_id: businessId }),
      expect.objectContaining({ action: 'dnc.remove', target_id: entry.id, details: expect.objectContaining({ reason: 'Wrong number', phone: CA_NUMBER }) }),
    ]);

    // Listed again after removal: a new entry, the old one stays removed.
    expect((await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: CA_NUMBER, reason: 'Asked again' } })).status).toBe(201);
  });

  it('refuses a second active entry for the same number (409, naming the entry), and an invalid number (400)', async () => {
    const { owner, businessId } = await ownerAndBusiness();
    const first = await (await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: CA_NUMBER, reason: 'Asked' } })).json();
    const again = await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: CA_NUMBER, reason: 'Asked twice' } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'COMPLIANCE.ALREADY_ON_DNC_LIST', entryId: first.id });
    const invalid = await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: '4155550123', reason: 'x' } });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).code).toBe('COMPLIANCE.INVALID_PHONE');
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM audit_log`);
    expect(count).toBe(1);
  });

  it('Idempotency-Key: a retried addition answers the same entry (not 409), once; another body with the key is 422', async () => {
    const { owner, businessId } = await ownerAndBusiness();
    const post = (json: unknown) => owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', headers: { 'idempotency-key': 'dnc-1' }, json });
    const first = await post({ phone: CA_NUMBER, reason: 'Asked by email' });
    const again = await post({ phone: CA_NUMBER, reason: 'Asked by email' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const reused = await post({ phone: CA_NUMBER, reason: 'Something else' });
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe('IDEMPOTENCY.KEY_REUSED');
    // Without the key, the second addition is the usual 409.
    const withoutKey = await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: CA_NUMBER, reason: 'Asked by email' } });
    expect(withoutKey.status).toBe(409);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM dnc_entries WHERE business_id = $1`, [businessId]))[0].n).toBe(1);
  });

  it('answers 404 to non-members and 403 to non-staff on the admin list', async () => {
    const { businessId } = await ownerAndBusiness();
    const stranger = await signInAs(t, 'stranger@example.com');
    expect((await stranger.request(`/v1/businesses/${businessId}/dnc`)).status).toBe(404);
    expect((await stranger.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: CA_NUMBER, reason: 'x' } })).status).toBe(404);
    expect((await stranger.request('/v1/admin/dnc', { method: 'POST', json: { phone: CA_NUMBER, reason: 'x' } })).status).toBe(403);
  });

  it('lets the business API key manage the list (source api)', async () => {
    const { owner, businessId } = await ownerAndBusiness();
    const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'CRM' } })).json();
    const res = await t.request(`/v1/businesses/${businessId}/dnc`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.key}` },
      json: { phone: CA_NUMBER, reason: 'Synced from the CRM' },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ source: 'api', createdBy: { kind: 'api_key', id: key.id } });
  });
  it("keeps a person's own opt-out from members and API keys (403 COMPLIANCE.CONSUMER_OPT_OUT); only staff take it off", async () => {
    const { owner, businessId } = await ownerAndBusiness();
    const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'CRM' } })).json();
    const staff = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    // The person said "don't call me again" on one of the business's calls, and another replied STOP by text.
    const callId = await seedCall(t, { to: CA_NUMBER, businessId, createdAt: new Date('2026-03-10T16:00:00Z') });
    const optOuts = t.app.get(OptOutService);
    await t.db.transaction((tx) => optOuts.recordInCallOptOut({ callId, businessId, trialId: null, phoneE164: CA_NUMBER, source: 'tool_call', at: new Date('2026-03-10T16:01:00Z') }, tx));
    await optOuts.recordSmsStop(FL_NUMBER, businessId);
    const list = (await (await owner.request(`/v1/businesses/${businessId}/dnc`)).json()).items as { id: string; phone: string; source: string }[];
    expect(list.map((e) => [e.phone, e.source]).sort()).toEqual([
      [FL_NUMBER, 'sms_stop'],
      [CA_NUMBER, 'in_call_opt_out'],
    ].sort());

    for (const entry of list) {
      const asOwner = await owner.request(`/v1/businesses/${businessId}/dnc/${entry.id}`, { method: 'DELETE', json: { reason: 'Customer called back' } });
      expect([entry.source, asOwner.status, (await asOwner.json()).code]).toEqual([entry.source, 403, 'COMPLIANCE.CONSUMER_OPT_OUT']);
      const asKey = await t.request(`/v1/businesses/${businessId}/dnc/${entry.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key.key}` }, json: { reason: 'CRM sync' } });
      expect([entry.source, asKey.status, (await asKey.json()).code]).toEqual([entry.source, 403, 'COMPLIANCE.CONSUMER_OPT_OUT']);
    }
    // Still listed: the next check blocks.
    await grantConsent(t, CA_NUMBER, businessId);
    expect((await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId })).decision).toBe('block');

    // Staff take it off (from the business's list, through the admin route), audited.
    const byStaff = await staff.request(`/v1/admin/dnc/${list[0].id}`, { method: 'DELETE', json: { reason: 'The person asked to be called again, by email' } });
    expect(byStaff.status).toBe(200);
    expect(await byStaff.json()).toMatchObject({ id: list[0].id, businessId, removedBy: { kind: 'admin', id: staff.userId } });
    // What the business added itself, it may still remove.
    const own = await (await owner.request(`/v1/businesses/${businessId}/dnc`, { method: 'POST', json: { phone: '+12125550123', reason: 'Asked us' } })).json();
    expect((await owner.request(`/v1/businesses/${businessId}/dnc/${own.id}`, { method: 'DELETE', json: { reason: 'Wrong number' } })).status).toBe(200);
  });
});
