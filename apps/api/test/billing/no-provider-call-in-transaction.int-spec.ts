import { VapiSandbox } from '../../src/integrations/sandbox/vapi/vapi.sandbox';
import { resetState, startApp, TestApp } from '../harness';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { guardPortsAgainstOpenTransactions, type OpenTransactionGuard } from '../support/open-transaction-guard';
import { eventually } from '../webhooks/webhook-deliveries';
import { quiet, seedTrial } from './billing.factory';

/**
 * No provider is called while a transaction is open: a slow provider would hold row locks and an
 * idle-in-transaction connection. Every port method is guarded (test/support/open-transaction-guard.ts)
 * along the go-live journey — checkout (Stripe), the checkout event's processing (Stripe's view of
 * the subscription), provisioning (assistant, number, wiring) — and an assistant settings change.
 */
describe('no provider call inside a transaction', () => {
  let t: TestApp;
  let guard: OpenTransactionGuard;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
    guard = await guardPortsAgainstOpenTransactions(t.app, t.config.env.DATABASE_URL);
  });
  afterAll(async () => {
    await guard.close();
    await t.close();
  });
  beforeEach(async () => resetState(t));
  afterEach(async () => quiet(t));

  async function goLive(owner: SignedInClient): Promise<string> {
    const trialId = await seedTrial(t, owner.userId, { businessName: 'Northside Heating & Air', phone: '+13035550123' });
    const created = await owner.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter', trialId } });
    expect(created.status).toBe(201);
    const { id: sessionId } = await created.json();
    expect((await t.request(`/v1/sandbox/checkout-sessions/${sessionId}/pay`, { method: 'POST' })).status).toBe(200);
    const status = await eventually(
      async () => (await owner.request(`/v1/billing/checkout-sessions/${sessionId}`)).json(),
      (s) => s.status === 'complete',
      15_000,
    );
    return status.businessId;
  }

  it('going live and changing the assistant call Stripe, Twilio and Vapi with no transaction open', async () => {
    const owner = await signInAs(t, 'owner@northside.example');
    const businessId = await goLive(owner);
    await eventually(async () => (await owner.request(`/v1/businesses/${businessId}/overview`)).json(), (o) => o.provisioning?.status === 'done', 30_000);
    const res = await owner.request(`/v1/businesses/${businessId}/assistant`, { method: 'PATCH', json: { businessName: 'Northside Air', hours: 'Mon–Fri 8 am–6 pm' } });
    expect(res.status).toBe(200);

    // The calls the check is about were made (else it would pass by having nothing to look at).
    expect(guard.calls).toEqual(
      expect.arrayContaining([
        'BillingPort.createCheckoutSession',
        'BillingPort.getSubscription',
        'VoiceAgentPort.createAssistant',
        'TelephonyPort.searchAvailableNumbers',
        'TelephonyPort.buyNumber',
        'VoiceAgentPort.importPhoneNumber',
        'VoiceAgentPort.updateAssistant',
      ]),
    );
    expect(guard.violations).toEqual([]);
    const [row] = await t.db.query(`SELECT name, persona->>'hours' AS hours FROM businesses WHERE id = $1`, [businessId]);
    expect(row).toEqual({ name: 'Northside Air', hours: 'Mon–Fri 8 am–6 pm' });
  }, 90_000);

  it('two assistant changes at once both land, and the assistant at Vapi ends as stored', async () => {
    const owner = await signInAs(t, 'owner@northside.example');
    const businessId = await goLive(owner);
    await eventually(async () => (await owner.request(`/v1/businesses/${businessId}/overview`)).json(), (o) => o.provisioning?.status === 'done', 30_000);
    // Each is held 250 ms at the provider (the guard): the second reads the row before the first stores it.
    const [hours, greeting] = await Promise.all([
      owner.request(`/v1/businesses/${businessId}/assistant`, { method: 'PATCH', json: { hours: 'Mon–Sat 7 am–7 pm' } }),
      owner.request(`/v1/businesses/${businessId}/assistant`, { method: 'PATCH', json: { greeting: 'Northside, how can we help?' } }),
    ]);
    expect([hours.status, greeting.status]).toEqual([200, 200]);
    const [row] = await t.db.query(`SELECT persona->>'hours' AS hours, persona->>'greeting' AS greeting, vapi_assistant_id FROM businesses WHERE id = $1`, [businessId]);
    expect(row).toMatchObject({ hours: 'Mon–Sat 7 am–7 pm', greeting: 'Northside, how can we help?' });
    const assistant = await t.app.get(VapiSandbox).getAssistant(row.vapi_assistant_id);
    expect(assistant?.spec.firstMessage).toBe('Northside, how can we help?');
    expect(assistant?.spec.systemPrompt).toContain('Opening hours: Mon–Sat 7 am–7 pm');
    expect(guard.violations).toEqual([]);
  }, 90_000);
});
