import { resetState, startApp, TestApp } from '../harness';
import { createForm, leadsSettled, liveBusiness, SITE, submitForm, type LiveBusiness } from './leads.factory';

const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');

/** Web forms: built by the business, read and submitted from its own site (CORS for its allowed origins only). */
describe('speed-to-lead: web forms', () => {
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

  it('creates a form with defaults, versions its consent text, lists, changes and deletes it', async () => {
    const form = await createForm(t, b, { allowedOrigins: ['https://www.coolair.example/', 'https://www.coolair.example'] });
    expect(form).toMatchObject({
      name: 'Quote form',
      businessId: b.id,
      fields: { email: { enabled: true, required: false }, message: { enabled: true, required: false }, custom: [] },
      allowedOrigins: [SITE],
      autoCall: true,
      consentVersion: 1,
      embedSnippet: `<script src="${t.baseUrl}/embed/v1.js" data-form="${form.id}" async></script>`,
    });
    expect(form.consentText).toContain('Cool Air HVAC may call me');

    const renamed = await (await b.owner.request(`/v1/businesses/${b.id}/forms/${form.id}`, { method: 'PATCH', json: { name: 'Contact' } })).json();
    expect(renamed).toMatchObject({ name: 'Contact', consentVersion: 1 });
    const reworded = await (await b.owner.request(`/v1/businesses/${b.id}/forms/${form.id}`, { method: 'PATCH', json: { consentText: 'New words.' } })).json();
    expect(reworded).toMatchObject({ consentText: 'New words.', consentVersion: 2 });

    const list = await (await b.owner.request(`/v1/businesses/${b.id}/forms`)).json();
    expect(list).toEqual({ items: [expect.objectContaining({ id: form.id, name: 'Contact', consentVersion: 2 })], nextCursor: null });
    // An integrator's key may read them too.
    expect((await t.request(`/v1/businesses/${b.id}/forms/${form.id}`, { headers: { authorization: `Bearer ${b.key}` } })).status).toBe(200);

    expect((await b.owner.request(`/v1/businesses/${b.id}/forms/${form.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await b.owner.request(`/v1/businesses/${b.id}/forms/${form.id}`)).status).toBe(404);
    expect((await t.request(`/v1/forms/${form.id}`)).status).toBe(404);
    expect((await submitForm(t, form.id, { name: 'A', phone: '+13055550123' })).status).toBe(404);
  });

  it('lists a page at a time, newest first ({items, nextCursor}, ?cursor=&limit=): every live form once, even within one millisecond; a bad cursor is 400', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createForm(t, b, { name: `Form ${i}` })).id);
    // Two forms created within the same millisecond, a third at the same instant: the cursor keeps the microseconds.
    await t.db.query(`UPDATE lead_forms SET created_at = '2026-03-10T15:00:00.123456Z' WHERE id = $1`, [made[1]]);
    await t.db.query(`UPDATE lead_forms SET created_at = '2026-03-10T15:00:00.123200Z' WHERE id = $1`, [made[2]]);
    await t.db.query(`UPDATE lead_forms SET created_at = '2026-03-10T15:00:00.123200Z' WHERE id = $1`, [made[3]]);
    const gone = await createForm(t, b, { name: 'Deleted' });
    expect((await b.owner.request(`/v1/businesses/${b.id}/forms/${gone.id}`, { method: 'DELETE' })).status).toBe(204);
    const expected = (
      await t.db.query(`SELECT id FROM lead_forms WHERE business_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC`, [b.id])
    ).map((r: { id: string }) => r.id);
    expect(expected).toHaveLength(5);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await b.owner.request(`/v1/businesses/${b.id}/forms?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string; embedSnippet: string }[]; nextCursor: string | null };
      sizes.push(page.items.length);
      seen.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(expected);

    // The default page holds them all; an integrator's key pages the same way.
    const all = await (await t.request(`/v1/businesses/${b.id}/forms`, { headers: { authorization: `Bearer ${b.key}` } })).json();
    expect(all.items.map((f: { id: string }) => f.id)).toEqual(expected);
    expect(all.nextCursor).toBeNull();

    for (const bad of ['nope', Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url')]) {
      const res = await b.owner.request(`/v1/businesses/${b.id}/forms?cursor=${bad}`);
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('PAGINATION.INVALID_CURSOR');
    }
    for (const limit of ['0', '101', 'ten']) {
      const res = await b.owner.request(`/v1/businesses/${b.id}/forms?limit=${limit}`);
      expect(res.status).toBe(400);
      expect((await res.json()).code).toBe('VALIDATION.FAILED');
    }
  });

  it('Idempotency-Key: a retried creation answers the same form, once; another body with the key is 422', async () => {
    const post = (json: unknown) =>
      t.request(`/v1/businesses/${b.id}/forms`, { method: 'POST', headers: { authorization: `Bearer ${b.key}`, 'idempotency-key': 'form-1' }, json });
    const first = await post({ name: 'Quote form' });
    const again = await post({ name: 'Quote form' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const reused = await post({ name: 'Another form' });
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM lead_forms WHERE business_id = $1`, [b.id]))[0].n).toBe(1);
  });

  it('refuses forms that would not work: bad origins, duplicate or reserved keys, a select without options; another business gets 404', async () => {
    const res = await b.owner.request(`/v1/businesses/${b.id}/forms`, {
      method: 'POST',
      json: {
        name: 'Bad',
        allowedOrigins: ['coolair.example', 'https://coolair.example/contact'],
        fields: {
          email: { enabled: false, required: true },
          message: { enabled: true, required: false },
          custom: [
            { key: 'service', label: 'Service', type: 'select', required: true },
            { key: 'service', label: 'Again', type: 'text', required: false },
            { key: 'phone', label: 'Phone', type: 'text', required: false },
          ],
        },
      },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('VALIDATION.FAILED');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'allowedOrigins.0',
      'allowedOrigins.1',
      'fields.custom.0.options',
      'fields.custom.1.key',
      'fields.custom.2.key',
      'fields.email',
    ]);
    const tooMany = await b.owner.request(`/v1/businesses/${b.id}/forms`, {
      method: 'POST',
      json: { name: 'Many', fields: { email: { enabled: true, required: false }, message: { enabled: true, required: false }, custom: [1, 2, 3, 4, 5, 6].map((i) => ({ key: `f${i}`, label: `F${i}`, type: 'text', required: false })) } },
    });
    expect(tooMany.status).toBe(400);
    const other = await liveBusiness(t, { name: 'Other Co' });
    expect((await other.owner.request(`/v1/businesses/${b.id}/forms`)).status).toBe(404);
    expect((await b.owner.request(`/v1/businesses/${b.id}/forms/nope`, { method: 'PATCH', json: { name: 'x' } })).status).toBe(404);
  });

  it('the public form: readable from any origin, saying whether that origin may submit it', async () => {
    const form = await createForm(t, b, { fields: { email: { enabled: true, required: true }, message: { enabled: false, required: false }, custom: [{ key: 'service', label: 'Service', type: 'select', required: true, options: ['Repair', 'Install'] }] } });
    const allowed = await t.request(`/v1/forms/${form.id}`, { headers: { origin: SITE } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('*');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    expect(await allowed.json()).toEqual({
      id: form.id,
      businessName: 'Cool Air HVAC',
      fields: form.fields,
      consentText: form.consentText,
      consentVersion: 1,
      thankYouMessage: form.thankYouMessage,
      honeypotField: 'website_confirm',
      originAllowed: true,
    });
    expect((await (await t.request(`/v1/forms/${form.id}`, { headers: { origin: 'https://evil.example' } })).json()).originAllowed).toBe(false);
    expect((await (await t.request(`/v1/forms/${form.id}`)).json()).originAllowed).toBeNull();
  });

  it('CORS for allowed origins only: the preflight and the submission; any other origin is refused with 403 LEADS.ORIGIN_NOT_ALLOWED', async () => {
    const form = await createForm(t, b);
    const preflight = await t.request(`/v1/forms/${form.id}/submissions`, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
    const refusedPreflight = await t.request(`/v1/forms/${form.id}/submissions`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(refusedPreflight.status).toBe(403);
    expect(refusedPreflight.headers.get('access-control-allow-origin')).toBeNull();

    const ok = await submitForm(t, form.id, { name: 'Jordan Lee', phone: '+13055550123' });
    expect(ok.status).toBe(202);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SITE);

    for (const origin of ['https://evil.example', null]) {
      const refused = await submitForm(t, form.id, { name: 'Jordan Lee', phone: '+13055550124' }, { origin });
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(await refused.json()).toMatchObject({ code: 'LEADS.ORIGIN_NOT_ALLOWED' });
    }
    // Beaker's own pages (the dashboard's preview and test lead) may submit any form.
    expect((await submitForm(t, form.id, { name: 'Test Lead', phone: '+13055550125' }, { origin: t.baseUrl })).status).toBe(202);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM leads`))[0].n).toBe(2);
  });

  it("a submission is checked against the form's fields; consent must be ticked; a bot filling the honeypot is accepted and dropped", async () => {
    const form = await createForm(t, b, { fields: { email: { enabled: true, required: true }, message: { enabled: true, required: false }, custom: [{ key: 'service', label: 'Service', type: 'select', required: true, options: ['Repair', 'Install'] }] } });
    const invalid = await submitForm(t, form.id, { name: ' ', phone: '555', email: 'nope', fields: { service: 'Demolition', extra: 'x' } });
    expect(invalid.status).toBe(400);
    const problem = await invalid.json();
    expect(problem.code).toBe('VALIDATION.FAILED');
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'fields.extra', 'fields.service', 'name', 'phone']);
    expect(invalid.headers.get('access-control-allow-origin')).toBe(SITE);

    const unticked = await submitForm(t, form.id, { name: 'Jordan', phone: '+13055550123', email: 'j@example.com', fields: { service: 'Repair' }, consent: false });
    expect(unticked.status).toBe(400);
    expect(await unticked.json()).toMatchObject({ code: 'LEADS.CONSENT_REQUIRED', errors: [{ field: 'consent' }] });

    const bot = await submitForm(t, form.id, { name: 'Bot', phone: '+13055550123', email: 'b@example.com', fields: { service: 'Repair' }, website_confirm: 'http://spam.example' });
    expect(bot.status).toBe(202);
    expect(await bot.json()).toMatchObject({ leadId: expect.any(String), duplicate: false });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM leads`))[0].n).toBe(0);

    const good = await submitForm(t, form.id, { name: 'Jordan', phone: '+13055550123', email: 'j@example.com', fields: { service: 'Repair' } });
    expect(good.status).toBe(202);
    const [lead] = await t.db.query(`SELECT fields, email FROM leads`);
    expect(lead).toEqual({ fields: { service: 'Repair' }, email: 'j@example.com' });
  });

  it('limits submissions per IP and form (10 in 10 minutes), with Retry-After readable by the page', async () => {
    const form = await createForm(t, b, { autoCall: false });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await submitForm(t, form.id, { name: 'Spam', phone: `+1305555${String(1000 + i)}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    const limited = await submitForm(t, form.id, { name: 'Spam', phone: '+13055552000' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited.headers.get('access-control-expose-headers')).toBe('Retry-After');
    // auto-call off: kept, not called.
    const [lead] = await t.db.query(`SELECT status, status_reason FROM leads LIMIT 1`);
    expect(lead).toEqual({ status: 'new', status_reason: 'auto_call.off' });
  });
});
