import { resetState, startApp, TestApp } from '../harness';
import { liveBusiness, type LiveBusiness } from '../leads/leads.factory';
import { ALL_EVENT_TYPES, createEndpoint, endpointPath } from './outbound-webhooks.factory';

const NOW = new Date('2026-03-10T16:00:00Z');

/** A business's webhook endpoints: create (secret once), read, change, delete; input checks; tenants apart. */
describe('outbound webhooks: endpoints', () => {
  let t: TestApp;
  let b: LiveBusiness;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOW });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOW);
    await resetState(t);
    b = await liveBusiness(t);
  });

  it('creates an endpoint whose whsec_ secret is in the creation answer only, and stores it encrypted', async () => {
    const created = await createEndpoint(t, b, { url: 'https://hooks.example.com/beaker', eventTypes: ['lead.created', 'lead.created', 'call.completed'], description: 'CRM' });
    expect(created).toMatchObject({ url: 'https://hooks.example.com/beaker', eventTypes: ['lead.created', 'call.completed'], description: 'CRM', enabled: true, disabledReason: null, failingSince: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);

    const got = await (await b.owner.request(endpointPath(b, created.id))).json();
    expect(got).not.toHaveProperty('secret');
    expect(JSON.stringify(got)).not.toContain(created.secret);
    const list = await (await b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints`)).json();
    expect(list).toEqual({ items: [got], nextCursor: null });
    expect(JSON.stringify(list)).not.toContain(created.secret);

    const [stored] = await t.db.query(`SELECT secret_ciphertext FROM webhook_endpoint_secrets WHERE endpoint_id = $1`, [created.id]);
    expect(stored.secret_ciphertext).toMatch(/^v1\./);
    expect(stored.secret_ciphertext).not.toContain(created.secret.slice(6));
  });

  it('an API key of the business manages endpoints too; Idempotency-Key answers the same endpoint and secret again', async () => {
    const headers = { authorization: `Bearer ${b.key}`, 'idempotency-key': 'create-1' };
    const body = { url: 'https://hooks.example.com/a', eventTypes: ['lead.created'] };
    const first = await t.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', headers, json: body });
    expect(first.status).toBe(201);
    const again = await t.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', headers, json: body });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const firstBody = await first.json();
    expect(await again.json()).toEqual(firstBody);
    // The stored answer keeps the secret sealed, as the endpoint does.
    expect(JSON.stringify(await t.db.query(`SELECT response_body FROM idempotency_keys`))).not.toContain(firstBody.secret.slice(6));
    const reused = await t.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', headers, json: { ...body, url: 'https://hooks.example.com/b' } });
    expect(reused.status).toBe(422);
    expect((await reused.json()).code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(1);
  });

  it('Idempotency-Key on the other POSTs: one test event, one rotation (the same new secret answered again)', async () => {
    const e = await createEndpoint(t, b, { url: 'https://hooks.example.com/i' });
    const post = (rest: string, key: string) => b.owner.request(endpointPath(b, e.id, rest), { method: 'POST', headers: { 'idempotency-key': key } });
    const test1 = await post('/test', 'test-1');
    const test2 = await post('/test', 'test-1');
    expect([test1.status, test2.status]).toEqual([202, 202]);
    expect(test2.headers.get('idempotent-replayed')).toBe('true');
    expect(await test2.json()).toEqual(await test1.json());
    expect((await t.db.query(`SELECT count(*)::int AS n FROM outbound_events`))[0].n).toBe(1);

    const rot1 = await post('/rotate-secret', 'rotate-1');
    const rot2 = await post('/rotate-secret', 'rotate-1');
    expect([rot1.status, rot2.status]).toEqual([201, 201]);
    const first = await rot1.json();
    expect(await rot2.json()).toEqual(first);
    expect(first.secret).not.toBe(e.secret);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_endpoint_secrets WHERE endpoint_id = $1`, [e.id]))[0].n).toBe(2);
    const stored = JSON.stringify(await t.db.query(`SELECT response_body FROM idempotency_keys`));
    expect(stored).not.toContain(first.secret);
    expect(stored).not.toContain(e.secret);
  });

  it('changes, turns off and deletes an endpoint; lists page by page', async () => {
    const a = await createEndpoint(t, b, { url: 'https://hooks.example.com/1' });
    t.clock!.advance(1000);
    const c = await createEndpoint(t, b, { url: 'https://hooks.example.com/2' });
    const patched = await b.owner.request(endpointPath(b, a.id), { method: 'PATCH', json: { url: 'https://hooks.example.com/1b', eventTypes: ['lead.blocked'], enabled: false } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ url: 'https://hooks.example.com/1b', eventTypes: ['lead.blocked'], enabled: false, disabledReason: 'owner' });

    const page1 = await (await b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints?limit=1`)).json();
    expect(page1.items.map((e: { id: string }) => e.id)).toEqual([c.id]);
    const page2 = await (await b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints?limit=1&cursor=${page1.nextCursor}`)).json();
    expect(page2).toMatchObject({ items: [{ id: a.id }], nextCursor: null });

    expect((await b.owner.request(endpointPath(b, a.id), { method: 'DELETE' })).status).toBe(204);
    expect((await b.owner.request(endpointPath(b, a.id))).status).toBe(404);
    expect((await b.owner.request(endpointPath(b, a.id), { method: 'DELETE' })).status).toBe(404);
  });

  it('bad input is a 400 with a stable code, and nothing is kept', async () => {
    const post = (json: unknown) => b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', json });
    const badType = await post({ url: 'https://hooks.example.com/x', eventTypes: ['lead.exploded'] });
    expect(badType.status).toBe(400);
    expect(await badType.json()).toMatchObject({ code: 'VALIDATION.FAILED', errors: [{ field: 'eventTypes' }] });
    const noTypes = await post({ url: 'https://hooks.example.com/x', eventTypes: [] });
    expect((await noTypes.json()).code).toBe('VALIDATION.FAILED');
    const noUrl = await post({ eventTypes: ['lead.created'] });
    expect(noUrl.status).toBe(400);
    expect((await noUrl.json()).code).toBe('VALIDATION.FAILED');
    for (const url of ['http://hooks.example.com/x', 'ftp://hooks.example.com/x', 'not a url', 'https://user:pw@hooks.example.com/x']) {
      const res = await post({ url, eventTypes: ['lead.created'] });
      expect({ url, status: res.status, code: (await res.json()).code }).toEqual({ url, status: 400, code: 'OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED' });
    }
    const unknownField = await post({ url: 'https://hooks.example.com/x', eventTypes: ['lead.created'], secret: 'whsec_mine' });
    expect(unknownField.status).toBe(400);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(0);

    const badCursor = await b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints?cursor=nope`);
    expect(badCursor.status).toBe(400);
    expect((await badCursor.json()).code).toBe('PAGINATION.INVALID_CURSOR');
    const e = await createEndpoint(t, b, { url: 'http://localhost:9/x' });
    const badPatch = await b.owner.request(endpointPath(b, e.id), { method: 'PATCH', json: { url: 'http://10.0.0.1/x' } });
    expect(badPatch.status).toBe(400);
    expect((await badPatch.json()).code).toBe('OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED');
    expect((await b.owner.request(endpointPath(b, 'not-a-uuid'))).status).toBe(404);
  });

  it('up to 20 endpoints per business, even when created all at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 21 }, (_, i) => b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', json: { url: `https://hooks.example.com/${i}`, eventTypes: ['lead.created'] } })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(20).fill(201), 409]);
    const refused = answers.find((r) => r.status === 409)!;
    expect((await refused.json()).code).toBe('OUTBOUND_WEBHOOKS.ENDPOINT_LIMIT');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(20);
  });

  it("another business's owner or key gets 404 for every route of an endpoint", async () => {
    const e = await createEndpoint(t, b, { url: 'https://hooks.example.com/mine' });
    const other = await liveBusiness(t, { name: 'Other Co' });
    const routes: [string, string, unknown?][] = [
      ['GET', endpointPath(other, e.id)],
      ['PATCH', endpointPath(other, e.id), { enabled: false }],
      ['DELETE', endpointPath(other, e.id)],
      ['POST', endpointPath(other, e.id, '/test')],
      ['POST', endpointPath(other, e.id, '/rotate-secret')],
      ['GET', endpointPath(other, e.id, '/deliveries')],
      ['POST', endpointPath(other, e.id, `/deliveries/${e.id}/retry`)],
    ];
    for (const [method, path, json] of routes) {
      const asOwner = await other.owner.request(path, { method, json });
      const asKey = await t.request(path, { method, json, headers: { authorization: `Bearer ${other.key}` } });
      expect({ method, path, owner: asOwner.status, key: asKey.status }).toEqual({ method, path, owner: 404, key: 404 });
    }
    // Their business's path with our endpoint, or ours with their credentials: 404 too.
    expect((await other.owner.request(endpointPath(b, e.id))).status).toBe(404);
    expect((await t.request(endpointPath(b, e.id), { headers: { authorization: `Bearer ${other.key}` } })).status).toBe(404);
    expect((await t.request(endpointPath(b, e.id))).status).toBe(401);
    const still = await (await b.owner.request(endpointPath(b, e.id))).json();
    expect(still).toMatchObject({ enabled: true, url: 'https://hooks.example.com/mine' });
  });

  it('the OpenAPI document carries the verification guide (Node and Python) and the routes', async () => {
    const doc = await (await t.request('/docs-json')).json();
    expect(doc.info.description).toContain('Beaker-Signature');
    expect(doc.info.description).toContain("createHmac('sha256', secret)");
    expect(doc.info.description).toContain('hmac.compare_digest');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/businesses/{id}/webhook-endpoints', '/v1/businesses/{id}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry']),
    );
    expect(ALL_EVENT_TYPES.every((type) => doc.info.description.includes(type))).toBe(true);
  });
});
