import { ComplianceService } from '../../src/modules/compliance/compliance.service';
import { createBusiness, signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { CA_NUMBER, FL_NUMBER, grantConsent, seedCall } from './compliance.factory';

/** POST /v1/compliance/evaluate: "may I call this number now?", a dry run for members and staff. */
describe('POST /v1/compliance/evaluate', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ clockAt: new Date('2026-03-10T16:00:00Z') }); // 12:00 in Miami, 09:00 in San Francisco
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  async function member() {
    const owner = await signInAs(t, 'owner@coolair.example');
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    return { owner, businessId };
  }

  it("answers a member for their business with the business's facts, and stores nothing", async () => {
    const { owner, businessId } = await member();
    await grantConsent(t, CA_NUMBER, businessId);
    const res = await owner.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'speed_to_lead', businessId } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      decision: 'allow',
      reasons: [],
      nextAllowedAt: null,
      recordingDisclosure: true,
      rulesVersion: expect.any(String),
      evaluatedAt: '2026-03-10T16:00:00.000Z',
      location: { known: true, states: ['CA'], timezones: ['America/Los_Angeles'] },
    });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM compliance_decisions`);
    expect(count).toBe(0);
  });

  it('evaluates at a given instant: 21:30 in Miami defers to 08:00 next morning, on every Florida clock the address adds (the panhandle is Central)', async () => {
    const { owner, businessId } = await member();
    await grantConsent(t, FL_NUMBER, businessId);
    const res = await owner.request('/v1/compliance/evaluate', {
      method: 'POST',
      json: { to: FL_NUMBER, purpose: 'speed_to_lead', businessId, at: '2026-03-11T01:30:00Z', address: { state: 'FL', zip: '33101' } },
    });
    const body = await res.json();
    expect(body).toMatchObject({ decision: 'defer', nextAllowedAt: '2026-03-11T13:00:00.000Z', recordingDisclosure: true });
    expect(body.location.timezones).toEqual(['America/Chicago', 'America/New_York']);
    expect(body.reasons.map((r: { rule: string }) => r.rule)).toContain('FL.calling_hours');
  });

  it('says block without consent on file for speed-to-lead', async () => {
    const { owner, businessId } = await member();
    const body = await (await owner.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'speed_to_lead', businessId } })).json();
    expect(body.decision).toBe('block');
    expect(body.reasons.map((r: { rule: string }) => r.rule)).toEqual(['consent.missing']);
  });

  it('404s for non-members (existing business or not), and asks members for a business', async () => {
    const { owner, businessId } = await member();
    const stranger = await signInAs(t, 'stranger@example.com');
    const notYours = await stranger.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'follow_up', businessId } });
    expect(notYours.status).toBe(404);
    expect((await notYours.json()).code).toBe('NOT_FOUND');
    const none = await stranger.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'follow_up', businessId: '00000000-0000-4000-8000-000000000000' } });
    expect(none.status).toBe(404);
    const noBusiness = await owner.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'follow_up' } });
    expect(noBusiness.status).toBe(400);
    expect((await noBusiness.json()).code).toBe('COMPLIANCE.BUSINESS_REQUIRED');
    expect((await t.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'follow_up', businessId } })).status).toBe(401);
  });

  it("answers the business's API key for its own business only", async () => {
    const { owner, businessId } = await member();
    const other = await createBusiness(t, { name: 'Gym Co' });
    const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'CRM' } })).json();
    const asKey = (json: unknown) => t.request('/v1/compliance/evaluate', { method: 'POST', headers: { authorization: `Bearer ${key.key}` }, json });
    expect((await asKey({ to: CA_NUMBER, purpose: 'inbound_callback', businessId })).status).toBe(200);
    expect((await asKey({ to: CA_NUMBER, purpose: 'inbound_callback', businessId: other })).status).toBe(404);
    expect((await asKey({ to: CA_NUMBER, purpose: 'inbound_callback' })).status).toBe(400);
  });

  it('answers staff for any business, or for none (law and Beaker’s list)', async () => {
    const { businessId } = await member();
    const admin = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    expect((await admin.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'inbound_callback', businessId } })).status).toBe(200);
    const lawOnly = await (await admin.request('/v1/compliance/evaluate', { method: 'POST', json: { to: '+18005550123', purpose: 'inbound_callback' } })).json();
    expect(lawOnly).toMatchObject({ decision: 'allow', recordingDisclosure: true, location: { known: false } });
  });

  it("tells a member and an API key nothing about other businesses' calls to the number (staff see them)", async () => {
    const { owner, businessId } = await member();
    await grantConsent(t, CA_NUMBER, businessId);
    const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'CRM' } })).json();
    const staff = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    // Another business called the number three times this morning, and a trial once: the per-number cap (3 a day) is reached.
    const other = await createBusiness(t, { name: 'Gym Co' });
    for (const hoursAgo of [1, 2, 3]) await seedCall(t, { to: CA_NUMBER, businessId: other, createdAt: new Date(Date.parse('2026-03-10T16:00:00Z') - hoursAgo * 3600_000) });
    await seedCall(t, { to: CA_NUMBER, direction: 'outbound_trial', createdAt: new Date('2026-03-10T15:30:00Z') });
    const json = { to: CA_NUMBER, purpose: 'speed_to_lead', businessId };

    for (const res of [
      await owner.request('/v1/compliance/evaluate', { method: 'POST', json }),
      await t.request('/v1/compliance/evaluate', { method: 'POST', headers: { authorization: `Bearer ${key.key}` }, json }),
    ]) {
      const body = await res.json();
      expect(body).toMatchObject({ decision: 'allow', reasons: [], nextAllowedAt: null });
      expect(JSON.stringify(body)).not.toMatch(/calls to this number|velocity/);
    }
    const seenByStaff = await (await staff.request('/v1/compliance/evaluate', { method: 'POST', json })).json();
    expect(seenByStaff.decision).toBe('defer');
    expect(seenByStaff.reasons.map((r: { rule: string }) => r.rule)).toContain('velocity.per_number_24h');

    // The business's own calls still count for it.
    for (const hoursAgo of [1, 2, 3]) await seedCall(t, { to: CA_NUMBER, businessId, createdAt: new Date(Date.parse('2026-03-10T16:00:00Z') - hoursAgo * 3600_000) });
    const own = await (await owner.request('/v1/compliance/evaluate', { method: 'POST', json })).json();
    expect(own.reasons.map((r: { rule: string }) => r.rule)).toContain('velocity.per_number_24h');
  });

  it("tells a member and an API key nothing about opt-outs from someone else's trial; Beaker's own listings still count", async () => {
    const { owner, businessId } = await member();
    await grantConsent(t, CA_NUMBER, businessId);
    await grantConsent(t, FL_NUMBER, businessId);
    const key = await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'CRM' } })).json();
    const staff = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    // The person at CA_NUMBER said "don't call me again" on a Beaker trial call, and replied STOP to a trial text: Beaker's list.
    const trialCall = await seedCall(t, { to: CA_NUMBER, direction: 'outbound_trial', createdAt: new Date('2026-03-09T16:00:00Z') });
    await t.db.query(
      `INSERT INTO dnc_entries (business_id, phone_e164, source, reason, call_id, created_by_kind, created_at)
       VALUES (NULL, $1, 'in_call_opt_out', 'Asked not to be called again', $2, 'system', now())`,
      [CA_NUMBER, trialCall],
    );
    // Staff listed FL_NUMBER on Beaker's list themselves.
    expect((await staff.request('/v1/admin/dnc', { method: 'POST', json: { phone: FL_NUMBER, reason: 'Known litigator' } })).status).toBe(201);

    const evaluate = (to: string, as: 'owner' | 'key' | 'staff') => {
      const json = { to, purpose: 'speed_to_lead', businessId };
      if (as === 'key') return t.request('/v1/compliance/evaluate', { method: 'POST', headers: { authorization: `Bearer ${key.key}` }, json });
      return (as === 'owner' ? owner : staff).request('/v1/compliance/evaluate', { method: 'POST', json });
    };
    for (const as of ['owner', 'key'] as const) {
      const optedOut = await (await evaluate(CA_NUMBER, as)).json();
      expect([as, optedOut.decision, optedOut.reasons]).toEqual([as, 'allow', []]);
      const listedByStaff = await (await evaluate(FL_NUMBER, as)).json();
      expect([as, listedByStaff.decision, listedByStaff.reasons.map((r: { rule: string }) => r.rule)]).toEqual([as, 'block', ['dnc.beaker']]);
    }
    const seenByStaff = await (await evaluate(CA_NUMBER, 'staff')).json();
    expect([seenByStaff.decision, seenByStaff.reasons.map((r: { rule: string }) => r.rule)]).toEqual(['block', ['dnc.beaker']]);
    // And the real check before a call honours the opt-out for every business.
    const check = await t.app.get(ComplianceService).checkBeforeCall({ to: CA_NUMBER, purpose: 'speed_to_lead', businessId });
    expect(check.decision).toBe('block');
  });

  it('documents the compliance endpoints in the OpenAPI document', async () => {
    const doc = await (await t.request('/docs-json')).json();
    expect(doc.paths['/v1/compliance/evaluate'].post.responses['200'].content['application/json'].schema.$ref).toMatch(/ComplianceEvaluationDto$/);
    expect(Object.keys(doc.paths['/v1/businesses/{id}/dnc'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/v1/businesses/{id}/dnc/{entryId}'].delete.responses['404']).toBeDefined();
    expect(doc.paths['/v1/businesses/{id}/consents'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['phone', 'format', 'cursor']));
    expect(Object.keys(doc.paths['/v1/admin/dnc'])).toEqual(expect.arrayContaining(['get', 'post']));
  });

  it('validates the request: purpose, instant and unknown fields', async () => {
    const { owner, businessId } = await member();
    const res = await owner.request('/v1/compliance/evaluate', {
      method: 'POST',
      json: { to: CA_NUMBER, purpose: 'robocall', businessId, at: 'tomorrow', extra: 1 },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['at', 'extra', 'purpose']);
  });
});
