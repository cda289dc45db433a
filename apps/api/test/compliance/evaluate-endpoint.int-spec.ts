import { createBusiness, signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { CA_NUMBER, FL_NUMBER, grantConsent } from './compliance.factory';

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
