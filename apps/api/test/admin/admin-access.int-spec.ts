import { randomUUID } from 'node:crypto';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { createBusiness, signInAs, SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

interface AdminRoute {
  method: string;
  /** The OpenAPI path with its parameters filled in. */
  path: string;
}

/** Every /v1/admin/* route, from the app's own OpenAPI document (the route table the map is made from). */
async function adminRoutes(t: TestApp): Promise<AdminRoute[]> {
  const doc = (await (await t.request('/docs-json')).json()) as { paths: Record<string, Record<string, unknown>> };
  const routes: AdminRoute[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!path.startsWith('/v1/admin/')) continue;
    for (const method of Object.keys(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      routes.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, randomUUID()) });
    }
  }
  return routes;
}

/** A plausible body, so that a refusal is about who calls, not what they send. */
const body = { reason: 'testing access', phone: '+14155550123', kind: 'phone', value: '+14155550123' };

describe('admin: every /v1/admin route is for staff only', () => {
  let t: TestApp;
  let routes: AdminRoute[];
  let user: SignedInClient;
  let apiKey: string;

  beforeAll(async () => {
    t = await startApp();
    routes = await adminRoutes(t);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    user = await signInAs(t, 'owner@example.com');
    const businessId = await createBusiness(t, { ownerId: user.userId });
    apiKey = (await t.app.get(ApiKeysService).create(businessId, 'integration', user.userId)).key;
  });

  it('finds the admin routes, the ones of this issue included', () => {
    const names = routes.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, ':id')}`);
    for (const expected of [
      'GET /v1/admin/search',
      'GET /v1/admin/audit-events',
      'POST /v1/admin/users/:id/suspension',
      'DELETE /v1/admin/users/:id/suspension',
      'GET /v1/admin/trial-blocks',
      'POST /v1/admin/trial-blocks',
      'DELETE /v1/admin/trial-blocks/:id',
      'POST /v1/admin/webhook-events/:id/replay',
      'GET /v1/admin/users/:id',
      'GET /v1/admin/businesses/:id',
      'GET /v1/admin/costs',
      'GET /v1/admin/analytics/mrr',
      'GET /v1/admin/analytics/funnel',
      'GET /v1/admin/health/webhooks',
      'GET /v1/admin/health/queues',
      'GET /v1/admin/trials/:id',
      'GET /v1/admin/leads/:id',
      'GET /v1/admin/phone-numbers/:id',
      'GET /v1/admin/calls/:id/webhook-events',
      'PUT /v1/admin/businesses/:id/plan-override',
      'DELETE /v1/admin/businesses/:id/plan-override',
    ]) {
      expect(names).toContain(expected);
    }
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  it('answers 403 AUTH.FORBIDDEN to a signed-in person who is not staff (CSRF header sent: the refusal is about the role)', async () => {
    for (const route of routes) {
      const res = await user.request(route.path, { method: route.method, json: route.method === 'GET' ? undefined : body });
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
      expect({ route, code: (await res.json()).code }).toEqual({ route, code: 'AUTH.FORBIDDEN' });
    }
  });

  it('answers 403 AUTH.FORBIDDEN to an API key, even its owner\'s', async () => {
    for (const route of routes) {
      const res = await t.request(route.path, {
        method: route.method,
        headers: { authorization: `Bearer ${apiKey}` },
        json: route.method === 'GET' ? undefined : body,
      });
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
      expect({ route, code: (await res.json()).code }).toEqual({ route, code: 'AUTH.FORBIDDEN' });
    }
  });

  it('answers 401 to nobody signed in', async () => {
    for (const route of routes) {
      const res = await t.request(route.path, { method: route.method, json: route.method === 'GET' ? undefined : body });
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });

  it('writes no audit line for any of those refusals', async () => {
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      await user.request(route.path, { method: route.method, json: body });
      await t.request(route.path, { method: route.method, headers: { authorization: `Bearer ${apiKey}` }, json: body });
    }
    expect(await t.db.query(`SELECT * FROM audit_log`)).toEqual([]);
  });
});
