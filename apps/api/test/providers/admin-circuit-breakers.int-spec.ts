import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ProviderCircuitBreakers } from '../../src/integrations/resilience/provider-circuit-breakers';
import { TransientProviderError } from '../../src/integrations/providers.errors';
import { signInAs } from '../factories/auth.factory';
import { startApp, TestApp, resetState } from '../harness';

/**
 * Every breaker the live adapters run their calls in, read from their source
 * (`integrations/<vendor>/<vendor>.adapter.ts`, `breakers.run('<provider>:<operation>', …)`): an
 * operation added to an adapter is expected in the admin's list the day it is written.
 */
function breakersRunByAdapters(): string[] {
  const root = path.join(__dirname, '../../src/integrations');
  const names = new Set<string>();
  for (const vendor of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of readdirSync(path.join(root, vendor.name)).filter((f) => f.endsWith('.adapter.ts'))) {
      const text = readFileSync(path.join(root, vendor.name, file), 'utf8');
      const runs = [...text.matchAll(/breakers\.run\(/g)].length;
      const named = [...text.matchAll(/breakers\.run\(\s*'([a-z_]+:[a-z_]+)'/g)].map((m) => m[1]);
      // A breaker named by anything but a literal would be missed here: read it instead of guessing.
      if (named.length !== runs) throw new Error(`${vendor.name}/${file}: ${runs - named.length} breakers.run() without a literal name`);
      for (const name of named) names.add(name);
    }
  }
  return [...names].sort();
}

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
    // Exactly the breakers the adapters use: none missing from the staff's view, none listed that nothing runs.
    const used = breakersRunByAdapters();
    expect(used.length).toBeGreaterThanOrEqual(14);
    expect(body.items.map((b: { name: string }) => b.name).sort()).toEqual(used);
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
