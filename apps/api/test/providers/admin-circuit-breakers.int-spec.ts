import { ProviderCircuitBreakers } from '../../src/integrations/resilience/provider-circuit-breakers';
import { TransientProviderError } from '../../src/integrations/providers.errors';
import { signInAs } from '../factories/auth.factory';
import { startApp, TestApp, resetState } from '../harness';

describe('GET /v1/admin/health/circuit-breakers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
  });
  afterAll(async () => t.close());

  it('is for staff only', async () => {
    expect((await t.request('/v1/admin/health/circuit-breakers')).status).toBe(401);
    const customer = await signInAs(t, 'owner@coolair.example');
    expect((await customer.request('/v1/admin/health/circuit-breakers')).status).toBe(403);
  });

  it('lists every provider operation\'s breaker, with an open one\'s failures, last error and opening time', async () => {
    const breakers = t.app.get(ProviderCircuitBreakers);
    const failing = async () => {
      throw new TransientProviderError({ provider: 'twilio', operation: 'twilio:send_sms', providerStatus: 503, providerMessage: 'Service Unavailable' });
    };
    // Five failed sends (each after its retries: the retry waits are real here, so no retries).
    for (let i = 0; i < 5; i++) await breakers.run('twilio:send_sms', failing, { retry: 'unsent-only' }).catch(() => undefined);

    const admin = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    const res = await admin.request('/v1/admin/health/circuit-breakers');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((b: { name: string }) => b.name)).toEqual(
      expect.arrayContaining(['vapi:place_call', 'vapi:get_call', 'twilio:send_sms', 'twilio:buy_number', 'stripe:create_checkout_session', 'stripe:get_subscription']),
    );
    expect(body.items).toHaveLength(14);
    const sms = body.items.find((b: { name: string }) => b.name === 'twilio:send_sms');
    expect(sms).toEqual({
      name: 'twilio:send_sms',
      state: 'open',
      failures: 5,
      lastFailureAt: expect.any(String),
      lastError: 'HTTP 503 Service Unavailable',
      openedAt: expect.any(String),
      opens: 1,
      closes: 0,
    });
    expect(body.items.find((b: { name: string }) => b.name === 'vapi:place_call')).toMatchObject({ state: 'closed', failures: 0, openedAt: null, lastError: null });
  });
});
