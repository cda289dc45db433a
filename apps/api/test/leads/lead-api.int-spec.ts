import { createHash } from 'node:crypto';
import { resetState, startApp, TestApp } from '../harness';
import { signInAs, inbox } from '../factories/auth.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { consentOf, createForm, leadCalls, leadReaches, leadsSettled, liveBusiness, pushLead, submitForm, type LiveBusiness } from './leads.factory';

const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');
const LEAD = '+13055550123';

/** The integrator API (POST /v1/leads with Idempotency-Key), reading leads, the consent certificate, who is told. */
describe('speed-to-lead: the lead API', () => {
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

  it('answers at least {id, status, phone, nextAttemptAt, calls, timeline}', async () => {
    const res = await pushLead(t, b.key, { phone: '(305) 555-0123', name: 'Jordan Lee', source: 'zapier:facebook-ads', consent: consentOf(t) }, 'k-1');
    expect(res.status).toBe(202);
    const lead = await res.json();
    expect(lead).toMatchObject({ id: expect.any(String), status: 'new', phone: LEAD, nextAttemptAt: NOON_MIAMI.toISOString(), calls: [], source: 'api', sourceDetail: 'zapier:facebook-ads' });
    expect(lead.timeline.map((e: { kind: string }) => e.kind)).toEqual(['submission', 'consent', 'status']);
    await leadReaches(t, lead.id, ['called']);
  });

  it('Idempotency-Key: the same key and body answer the same response, once; another body is 422 IDEMPOTENCY.KEY_REUSED', async () => {
    const body = { phone: LEAD, name: 'Jordan Lee', consent: consentOf(t) };
    const first = await pushLead(t, b.key, body, 'retry-me');
    const again = await pushLead(t, b.key, body, 'retry-me');
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.json();
    expect(await again.json()).toEqual(firstBody);

    // Concurrent retries wait for the first and get its answer.
    const racing = await Promise.all([1, 2, 3, 4, 5].map(() => pushLead(t, b.key, { ...body, phone: '+13055550124' }, 'racing')));
    const ids = new Set(await Promise.all(racing.map(async (r) => (await r.json()).id)));
    expect(racing.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    expect(ids.size).toBe(1);

    const reused = await pushLead(t, b.key, { ...body, name: 'Someone Else' }, 'retry-me');
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });

    const bad = await pushLead(t, b.key, body, 'x'.repeat(256));
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('IDEMPOTENCY.KEY_INVALID');

    expect((await t.db.query(`SELECT count(*)::int AS n FROM leads WHERE business_id = $1`, [b.id]))[0].n).toBe(2);
    await leadsSettled(t);
    const { id } = firstBody;
    await leadReaches(t, id, ['called']);
    expect(await leadCalls(t, id)).toHaveLength(1);
  });

  it('the same phone within 10 minutes is the same lead: a new submission, no second call; after 10 minutes, a new lead', async () => {
    const form = await createForm(t, b);
    const first = await (await submitForm(t, form.id, { name: 'Jordan Lee', phone: '305-555-0123', message: 'AC broken' })).json();
    await leadReaches(t, first.leadId, ['called']);
    t.clock!.advance(9 * 60_000);
    const second = await submitForm(t, form.id, { name: 'Jordan Lee', phone: '+1 305 555 0123', message: 'Still broken' });
    expect(await second.json()).toEqual({ leadId: first.leadId, duplicate: true, thankYouMessage: form.thankYouMessage });
    const viaApi = await (await pushLead(t, b.key, { phone: LEAD, consent: consentOf(t) })).json();
    expect(viaApi.id).toBe(first.leadId);
    await leadsSettled(t);
    expect(await leadCalls(t, first.leadId)).toHaveLength(1);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM lead_submissions WHERE lead_id = $1`, [first.leadId]))[0].n).toBe(3);

    t.clock!.advance(11 * 60_000);
    const later = await (await submitForm(t, form.id, { name: 'Jordan Lee', phone: LEAD })).json();
    expect(later).toMatchObject({ duplicate: false });
    expect(later.leadId).not.toBe(first.leadId);
  });

  it("a lead is its business's: another business's key and strangers get 404; sessions cannot push", async () => {
    const { id } = await (await pushLead(t, b.key, { phone: LEAD, consent: consentOf(t) })).json();
    const other = await liveBusiness(t, { name: 'Other Co' });
    expect((await t.request(`/v1/leads/${id}`, { headers: { authorization: `Bearer ${other.key}` } })).status).toBe(404);
    expect((await other.owner.request(`/v1/leads/${id}`)).status).toBe(404);
    expect((await other.owner.request(`/v1/leads/${id}/consent`)).status).toBe(404);
    expect((await t.request(`/v1/leads/${id}`, { headers: { authorization: `Bearer ${b.key}` } })).status).toBe(200);
    expect((await t.request(`/v1/leads/not-a-uuid`, { headers: { authorization: `Bearer ${b.key}` } })).status).toBe(404);
    const bySession = await b.owner.request('/v1/leads', { method: 'POST', json: { phone: LEAD } });
    expect(bySession.status).toBe(403);
    expect((await t.request('/v1/leads', { method: 'POST', json: { phone: LEAD } })).status).toBe(401);
  });

  it('bad input is a 400 with the field named, and nothing is kept', async () => {
    const phone = await pushLead(t, b.key, { phone: '12', consent: consentOf(t) });
    expect(phone.status).toBe(400);
    expect(await phone.json()).toMatchObject({ code: 'LEADS.INVALID_PHONE', errors: [{ field: 'phone' }] });
    const consent = await pushLead(t, b.key, { phone: LEAD, consent: { text: '', at: 'yesterday' } });
    expect(consent.status).toBe(400);
    const body = await consent.json();
    expect(body.code).toBe('VALIDATION.FAILED');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['consent.at', 'consent.text']);
    const future = await pushLead(t, b.key, { phone: LEAD, consent: { ...consentOf(t), at: new Date(NOON_MIAMI.getTime() + 3600_000).toISOString() } });
    expect(future.status).toBe(400);
    expect(await future.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'consent.at' }] });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM leads`))[0].n).toBe(0);
  });

  it('lists leads newest first with status and date filters, and counts them by status', async () => {
    for (const [i, phone] of ['+13055550131', '+13055550132', '+13055550133'].entries()) {
      t.clock!.set(new Date(NOON_MIAMI.getTime() + i * 60_000));
      await pushLead(t, b.key, { phone, consent: i === 1 ? undefined : consentOf(t) });
    }
    await leadsSettled(t);
    const all = await (await b.owner.request(`/v1/businesses/${b.id}/leads?limit=2`)).json();
    expect(all.items.map((l: { phone: string }) => l.phone)).toEqual(['+13055550133', '+13055550132']);
    const rest = await (await b.owner.request(`/v1/businesses/${b.id}/leads?limit=2&cursor=${all.nextCursor}`)).json();
    expect(rest).toMatchObject({ items: [{ phone: '+13055550131' }], nextCursor: null });
    const blocked = await (await b.owner.request(`/v1/businesses/${b.id}/leads?status=blocked`)).json();
    expect(blocked.items.map((l: { phone: string }) => l.phone)).toEqual(['+13055550132']);
    const window = await (
      await b.owner.request(`/v1/businesses/${b.id}/leads?from=${new Date(NOON_MIAMI.getTime() + 60_000).toISOString()}&to=${new Date(NOON_MIAMI.getTime() + 120_000).toISOString()}`)
    ).json();
    expect(window.items.map((l: { phone: string }) => l.phone)).toEqual(['+13055550132']);
    const counts = await (await b.owner.request(`/v1/businesses/${b.id}/lead-counts?from=${new Date(NOON_MIAMI.getTime() - 60_000).toISOString()}`)).json();
    expect(counts.total).toBe(3);
    expect(counts.byStatus.blocked).toBe(1);
    expect((await b.owner.request(`/v1/businesses/${b.id}/leads?status=nope`)).status).toBe(400);
  });

  it('the consent certificate: the evidence as captured, its SHA-256, the decision and call that relied on it; tampering shows', async () => {
    const form = await createForm(t, b, { consentText: 'Yes, Cool Air HVAC may call me about my request, also with an AI voice.' });
    const { leadId } = await (await submitForm(t, form.id, { name: 'Jordan Lee', phone: LEAD, consentVersion: 1 }, { ip: '198.51.100.4' })).json();
    await leadReaches(t, leadId, ['called']);
    const res = await b.owner.request(`/v1/leads/${leadId}/consent`);
    expect(res.status).toBe(200);
    const cert = await res.json();
    expect(cert.evidence).toMatchObject({
      consentText: 'Yes, Cool Air HVAC may call me about my request, also with an AI voice.',
      consentVersion: '1',
      formId: form.id,
      formName: 'Quote form',
      checkboxChecked: true,
      capturedAt: NOON_MIAMI.toISOString(),
      userAgent: 'Mozilla/5.0 (lead test)',
      pageUrl: 'https://www.coolair.example/contact',
      method: 'web_form',
    });
    expect(cert.evidence.ip).toEqual(expect.any(String));
    const { formName: _formName, ...stored } = cert.evidence;
    const canonical = JSON.stringify(['consentText', 'consentVersion', 'formId', 'checkboxChecked', 'capturedAt', 'ip', 'userAgent', 'pageUrl', 'method'].map((k) => [k, stored[k]]));
    expect(cert.evidenceSha256).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(cert.evidenceIntact).toBe(true);
    expect(cert.decisions).toEqual([expect.objectContaining({ decision: 'allow', callId: cert.calls[0].callId })]);
    expect(cert.calls).toEqual([expect.objectContaining({ attempt: 1, status: 'completed' })]);

    await t.db.query(`UPDATE leads SET consent_evidence = jsonb_set(consent_evidence, '{consentText}', '"I agree to anything"') WHERE id = $1`, [leadId]);
    expect((await (await b.owner.request(`/v1/leads/${leadId}/consent`)).json()).evidenceIntact).toBe(false);
  });

  it('new-lead emails: owners by default, members who turn them on, nobody who turned them off', async () => {
    const member = await signInAs(t, 'member@example.com');
    await t.db.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $2, 'member')`, [b.id, member.userId]);
    expect(await (await member.request(`/v1/businesses/${b.id}/lead-notifications`)).json()).toEqual({ emailOnNewLead: false });
    expect((await member.request(`/v1/businesses/${b.id}/lead-notifications`, { method: 'PUT', json: { emailOnNewLead: true } })).status).toBe(200);
    expect((await b.owner.request(`/v1/businesses/${b.id}/lead-notifications`, { method: 'PUT', json: { emailOnNewLead: false } })).status).toBe(200);

    const { id } = await (await pushLead(t, b.key, { phone: LEAD, name: 'Jordan Lee', consent: consentOf(t) })).json();
    await eventually(() => inbox(t, 'member@example.com'), (m) => m.length === 1);
    await leadReaches(t, id, ['called']);
    expect(await inbox(t, b.owner.email)).toHaveLength(0);
    expect((await t.request(`/v1/businesses/${b.id}/lead-notifications`, { headers: { authorization: `Bearer ${b.key}` } })).status).toBe(403);
  });
});
