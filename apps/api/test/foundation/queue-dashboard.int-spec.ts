import { queuesFor } from '../../src/common/queue/queues';
import { signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

describe('queue dashboard at /admin/queues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
  });
  afterAll(async () => t.close());

  it('answers 401 to a signed-out visitor', async () => {
    const res = await t.request('/admin/queues');
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('answers 403 to a signed-in user who is not staff', async () => {
    const user = await signInAs(t, 'prospect@example.com');
    const res = await user.request('/admin/queues');
    expect(res.status).toBe(403);
    expect((await res.json()).code).toBe('AUTH.FORBIDDEN');
  });

  it('shows every queue to an admin', async () => {
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const page = await admin.request('/admin/queues');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await admin.request('/admin/queues/api/queues');
    expect(api.status).toBe(200);
    const names = (await api.json()).queues.map((q: { name: string }) => q.name).sort();
    expect(names).toEqual(queuesFor({ sandbox: true }).sort());
  });

  it("serves a page that asks no other host for anything (no Google Fonts) and loads bull-board's own assets", async () => {
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const page = await admin.request('/admin/queues');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/googleapis|gstatic/);
    // No absolute URL at all: every asset is relative to <base href="/admin/queues/">.
    expect(html.match(/(?:https?:)?\/\/[^\s"'<>]+/g) ?? []).toEqual([]);
    expect(html).toContain('<base href="/admin/queues/" />');
    expect(html).toContain('<title>Beaker queues</title>');
    expect(html).toContain('<script id="__UI_CONFIG__" type="application/json">{');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).not.toMatch(/googleapis|gstatic/);
    const assets = [...html.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) {
      const res = await admin.request(`/admin/queues/${asset}`);
      expect({ asset, status: res.status }).toEqual({ asset, status: 200 });
      // Read to the end: an unread response keeps its connection busy and closing the app waits for it.
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
  });
});
