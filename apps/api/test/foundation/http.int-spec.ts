import { startApp, resetState, TestApp } from '../harness';

describe('foundation: HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
  });
  afterAll(async () => t.close());

  it('answers /health/live and /health/ready when Postgres and Redis are up', async () => {
    expect((await t.request('/health/live')).status).toBe(200);
    const ready = await t.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('rejects an unknown field and a wrong type with a problem naming each field', async () => {
    const res = await t.request('/v1/plans?plan=gold&colour=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.code).toBe('VALIDATION.FAILED');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'plan']);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.request('/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('NOT_FOUND');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('/docs-json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/v1/plans']).toBeDefined();
  });
});
