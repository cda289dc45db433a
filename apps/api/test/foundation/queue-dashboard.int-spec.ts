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
});
