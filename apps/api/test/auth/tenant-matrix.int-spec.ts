import { addMember, signInAs, type SignedInClient } from '../factories/auth.factory';
import { liveBusiness, type LiveBusiness } from '../leads/leads.factory';
import { resetState, startApp, TestApp } from '../harness';
import { type OpenApiDocument, type OperationRef, operationsOf, sampleOf } from '../support/openapi-fuzz';

/**
 * The tenant matrix, generated from the route table (/docs-json): every business-scoped route —
 * `/v1/businesses/{id}/…`, and the routes of one business's calls and leads — called on business
 * A's real resources by three outsiders: a signed-in user who is no member of A (the owner of B),
 * B's API key, and a suspended owner of A (their old session, and the API key they made). Each
 * must answer 401, 403 or 404 (401 only for the suspended user, whose credentials are dead), with
 * nothing of A in the answer; and A's rows must be as they were (no side effects).
 */
describe('auth: the tenant matrix', () => {
  let t: TestApp;
  let a: LiveBusiness;
  let b: LiveBusiness;
  let suspended: SignedInClient;
  let suspendedKey: string;
  let document: OpenApiDocument;
  /** Business A's resources, by path parameter name. */
  const ids: Record<string, string> = {};
  /** Strings that must never appear in an outsider's answer. */
  let secrets: string[];

  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
    a = await liveBusiness(t, { name: 'Tenant A Secret Heating' });
    b = await liveBusiness(t, { name: 'Tenant B Cooling' });
    ids.id = a.id;
    const form = await (await a.owner.request(`/v1/businesses/${a.id}/forms`, { method: 'POST', json: { name: 'A quote form', allowedOrigins: ['https://a.example'] } })).json();
    ids.formId = form.id;
    const endpoint = await (
      await a.owner.request(`/v1/businesses/${a.id}/webhook-endpoints`, { method: 'POST', json: { url: 'https://hooks.a.example/in', eventTypes: ['lead.created'] } })
    ).json();
    ids.endpointId = endpoint.id;
    const key = await (await a.owner.request(`/v1/businesses/${a.id}/api-keys`, { method: 'POST', json: { name: 'A key' } })).json();
    ids.keyId = key.id;
    const dnc = await (await a.owner.request(`/v1/businesses/${a.id}/dnc`, { method: 'POST', json: { phone: '+14155550142', reason: 'asked' } })).json();
    ids.entryId = dnc.id;
    const [call] = await t.db.query(`INSERT INTO calls (business_id, direction, status, to_e164) VALUES ($1, 'outbound_lead', 'completed', '+14155550143') RETURNING id`, [a.id]);
    ids.callId = call.id;
    ids.deliveryId = '6f1c1a2e-0000-4000-8000-00000000d001';

    // A second owner of A, with an API key of their own, then suspended by staff.
    suspended = await signInAs(t, 'suspended-owner@example.com');
    await addMember(t, a.id, suspended.userId, 'owner');
    suspendedKey = (await (await suspended.request(`/v1/businesses/${a.id}/api-keys`, { method: 'POST', json: { name: 'theirs' } })).json()).key;
    ids.userId = suspended.userId;
    const staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
    expect((await staff.request(`/v1/admin/users/${suspended.userId}/suspension`, { method: 'POST', json: { reason: 'Tenant matrix' } })).status).toBe(201);

    const lead = await t.request('/v1/leads', {
      method: 'POST',
      headers: { authorization: `Bearer ${a.key}` },
      json: { name: 'Ann Lead', phone: '+14155550144', consent: { text: 'You may call me', at: new Date().toISOString() } },
    });
    if (lead.status !== 202) throw new Error(`lead not created: ${lead.status} ${await lead.text()}`);
    ids.leadId = (await lead.json()).id;

    document = await (await t.request('/docs-json')).json();
    secrets = [a.id, a.key, 'Tenant A Secret Heating', form.id, endpoint.id, key.id, dnc.id, ids.callId!, ids.leadId!, 'hooks.a.example', '+14155550142'];
    expect(Object.values(ids).every(Boolean)).toBe(true);
  }, 60_000);
  afterAll(async () => t.close());

  /** Every row of A's, in every table that has a business_id, and A itself. */
  async function snapshotOfA(): Promise<Record<string, unknown[]>> {
    const tables: { table_name: string }[] = await t.db.query(
      `SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'business_id' ORDER BY table_name`,
    );
    const out: Record<string, unknown[]> = { businesses: await t.db.query(`SELECT * FROM businesses WHERE id = $1`, [a.id]) };
    for (const { table_name } of tables) {
      // audit_log is where refusals may be recorded, api_keys' last_used_at is bookkeeping: neither is A's data changing.
      if (table_name === 'audit_log') continue;
      const rows: Record<string, unknown>[] = await t.db.query(`SELECT * FROM "${table_name}" WHERE business_id = $1 ORDER BY 1`, [a.id]);
      out[table_name] = rows.map(({ last_used_at: _lastUsed, ...rest }) => rest);
    }
    return out;
  }

  function scoped(op: OperationRef): boolean {
    return /^\/v1\/businesses\/\{id\}/.test(op.path) || /^\/v1\/(calls|leads)\/\{id\}/.test(op.path);
  }

  function urlOf(op: OperationRef): string {
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id' && op.path.startsWith('/v1/calls/')) return ids.callId!;
      if (name === 'id' && op.path.startsWith('/v1/leads/')) return ids.leadId!;
      return ids[name] ?? '6f1c1a2e-0000-4000-8000-00000000e404';
    });
  }

  it('lets no outsider read or change a business: 403 or 404 (401 for dead credentials), nothing of it in the answer, nothing changed', async () => {
    const operations = operationsOf(document).filter((op) => op.method !== 'OPTIONS' && scoped(op));
    expect(operations.length).toBeGreaterThan(35);
    const strangerCsrf = { cookie: `beaker_session=${b.owner.sessionToken}; beaker_csrf=${b.owner.csrfToken}`, 'x-csrf-token': b.owner.csrfToken };
    const suspendedCsrf = { cookie: `beaker_session=${suspended.sessionToken}; beaker_csrf=${suspended.csrfToken}`, 'x-csrf-token': suspended.csrfToken };
    const outsiders: { who: string; headers: Record<string, string>; allowed: number[] }[] = [
      { who: 'a non-member (the owner of B)', headers: strangerCsrf, allowed: [403, 404] },
      { who: "B's API key", headers: { authorization: `Bearer ${b.key}` }, allowed: [403, 404] },
      { who: 'a suspended owner of A (their session)', headers: suspendedCsrf, allowed: [401, 403, 404] },
      { who: 'a suspended owner of A (their API key)', headers: { authorization: `Bearer ${suspendedKey}` }, allowed: [401, 403, 404] },
    ];
    const before = await snapshotOfA();
    const leaks: { request: string; status: number; body: string }[] = [];
    let sent = 0;
    for (const op of operations) {
      const schema = op.operation.requestBody?.content['application/json']?.schema;
      const body = schema ? JSON.stringify(sampleOf(document, schema)) : undefined;
      for (const outsider of outsiders) {
        const res = await t.request(urlOf(op), {
          method: op.method,
          headers: { ...outsider.headers, ...(body ? { 'content-type': 'application/json' } : {}), accept: 'application/json' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        sent++;
        const text = await res.text();
        const leaked = secrets.filter((s) => text.includes(s));
        if (!outsider.allowed.includes(res.status) || leaked.length > 0 || !res.headers.get('content-type')?.startsWith('application/problem+json')) {
          leaks.push({ request: `${op.method} ${op.path} as ${outsider.who}`, status: res.status, body: text.slice(0, 200) });
        }
      }
    }
    expect({ sent, leaks }).toEqual({ sent: operations.length * outsiders.length, leaks: [] });
    expect(await snapshotOfA()).toEqual(before);
    // And A's own owner still sees it all: the ids above were the real ones.
    expect((await a.owner.request(`/v1/businesses/${a.id}/forms/${ids.formId}`)).status).toBe(200);
    expect((await t.request(`/v1/calls/${ids.callId}`, { headers: { authorization: `Bearer ${a.key}` } })).status).toBe(200);
    expect((await t.request(`/v1/leads/${ids.leadId}`, { headers: { authorization: `Bearer ${a.key}` } })).status).toBe(200);
  }, 120_000);
});
