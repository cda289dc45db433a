import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { createBusiness, signInAs, SignedInClient } from '../factories/auth.factory';
import { quiet } from '../billing/billing.factory';
import { resetState, startApp, TestApp } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';

type Industry = 'hvac' | 'gym' | 'dental';

/**
 * Staff's trial funnel against hand-computed cohorts. Signups, trials and trial calls are written
 * to the tables their modules own (their flows are those modules' tests); the checkout step is
 * recorded by the real checkout route, and "paid" by the real Stripe pipeline (the sandbox's Pay
 * sends signed events to our webhook, whose handler writes the payer's subscription change).
 */
describe('admin analytics: the trial funnel', () => {
  let t: TestApp;
  let staff: SignedInClient;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
  });
  afterEach(async () => quiet(t));

  /** A person who signed up at `at` (UTC), signed in. */
  async function signup(email: string, at: string): Promise<SignedInClient> {
    const person = await signInAs(t, email);
    await t.db.query(`UPDATE users SET created_at = $2 WHERE id = $1`, [person.userId, at]);
    return person;
  }

  let phones = 0;
  async function trial(userId: string, industry: Industry, at: string, verified: boolean): Promise<string> {
    const [row] = await t.db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, phone_verified_at, status, expires_at, created_at, updated_at)
       VALUES ($1, $2, 'Funnel Co', 'lead_intake', $3, $4, $5, $6::timestamptz + interval '2 days', $6, $6) RETURNING id`,
      [userId, industry, `+1415555${String(1000 + phones++).padStart(4, '0')}`, verified ? at : null, verified ? 'active' : 'pending', at],
    );
    return row.id;
  }

  async function trialCall(trialId: string, status: 'completed' | 'failed', at: string): Promise<void> {
    await t.db.query(`INSERT INTO calls (trial_id, direction, status, to_e164, created_at, updated_at) VALUES ($1, 'outbound_trial', $2, '+14155550100', $3, $3)`, [trialId, status, at]);
  }

  async function startCheckout(person: SignedInClient, trialId: string): Promise<string> {
    const res = await person.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter', trialId } });
    expect(res.status).toBe(201);
    return (await res.json()).id;
  }

  const counts = (row: { steps: { count: number }[] }) => row.steps.map((s) => s.count);

  it('counts each cohort step by step, by ISO week of signup and by industry, with the conversion rates', async () => {
    // Week of Monday 2026-11-02.
    const a = await signup('a@example.com', '2026-11-02T15:00:00Z'); // hvac: all the way to paid
    const aTrial = await trial(a.userId, 'hvac', '2026-11-02T15:05:00Z', true);
    await trialCall(aTrial, 'completed', '2026-11-02T15:10:00Z');
    const aSession = await startCheckout(a, aTrial);
    const b = await signup('b@example.com', '2026-11-03T09:00:00Z'); // hvac: a trial that never verifies
    await trial(b.userId, 'hvac', '2026-11-03T09:01:00Z', false);
    await signup('c@example.com', '2026-11-08T23:59:59Z'); // no trial (Sunday: still the first week)

    // Week of Monday 2026-11-09.
    const d = await signup('d@example.com', '2026-11-09T00:00:00Z'); // dental: a trial call nobody answered
    await trialCall(await trial(d.userId, 'dental', '2026-11-09T00:10:00Z', true), 'failed', '2026-11-09T00:20:00Z');
    const e = await signup('e@example.com', '2026-11-10T12:00:00Z'); // dental: checkout started, never paid
    const eTrial = await trial(e.userId, 'dental', '2026-11-10T12:01:00Z', true);
    await trialCall(eTrial, 'failed', '2026-11-10T12:05:00Z');
    await trialCall(eTrial, 'completed', '2026-11-10T12:15:00Z');
    const eSession = await startCheckout(e, eTrial);
    // A second click answers the same session: still one checkout started.
    expect(await startCheckout(e, eTrial)).toBe(eSession);
    const f = await signup('f@example.com', '2026-11-14T18:00:00Z'); // hvac: answered, no checkout
    await trialCall(await trial(f.userId, 'hvac', '2026-11-14T18:01:00Z', true), 'completed', '2026-11-14T18:02:00Z');

    // Outside the cohorts: a signup the day after the range, and staff.
    const later = await signup('g@example.com', '2026-11-16T00:00:00Z');
    await trial(later.userId, 'gym', '2026-11-16T00:01:00Z', true);
    await t.db.query(`UPDATE users SET created_at = '2026-11-05T00:00:00Z' WHERE id = $1`, [staff.userId]);

    // A pays: the sandbox's Pay sends checkout.session.completed and the subscription events, signed.
    const paid = await t.request(`/v1/sandbox/checkout-sessions/${aSession}/pay`, { method: 'POST' });
    expect(paid.status).toBe(200);
    await eventually(async () => (await a.request(`/v1/billing/checkout-sessions/${aSession}`)).json(), (s) => s.status === 'complete', 15_000);
    expect((await t.db.query(`SELECT stripe_checkout_session_id AS id FROM checkout_starts ORDER BY started_at`)).map((r: { id: string }) => r.id)).toEqual([aSession, eSession]);

    const byWeek = await staff.request('/v1/admin/analytics/funnel?from=2026-11-02&to=2026-11-15&groupBy=week');
    expect(byWeek.status).toBe(200);
    const weeks = await byWeek.json();
    expect({ from: weeks.from, to: weeks.to, groupBy: weeks.groupBy }).toEqual({ from: '2026-11-02', to: '2026-11-15', groupBy: 'week' });
    expect(weeks.rows.map((r: { group: string }) => [r.group, counts(r as never)])).toEqual([
      // signed up, trial, verified, call placed, answered, checkout, paid
      ['2026-11-02', [3, 2, 1, 1, 1, 1, 1]],
      ['2026-11-09', [3, 3, 3, 3, 2, 1, 0]],
    ]);
    expect(weeks.total.steps).toEqual([
      { step: 'signed_up', count: 6, fromPrevious: null, overall: 1 },
      { step: 'trial_started', count: 5, fromPrevious: 0.8333, overall: 0.8333 },
      { step: 'phone_verified', count: 4, fromPrevious: 0.8, overall: 0.6667 },
      { step: 'trial_call_placed', count: 4, fromPrevious: 1, overall: 0.6667 },
      { step: 'trial_call_answered', count: 3, fromPrevious: 0.75, overall: 0.5 },
      { step: 'checkout_started', count: 2, fromPrevious: 0.6667, overall: 0.3333 },
      { step: 'paid', count: 1, fromPrevious: 0.5, overall: 0.1667 },
    ]);
    expect(weeks.rows[0].steps[6]).toEqual({ step: 'paid', count: 1, fromPrevious: 1, overall: 0.3333 });

    const byIndustry = await (await staff.request('/v1/admin/analytics/funnel?from=2026-11-02&to=2026-11-15&groupBy=industry')).json();
    expect(byIndustry.rows.map((r: { group: string }) => [r.group, counts(r as never)])).toEqual([
      ['hvac', [3, 3, 2, 2, 2, 1, 1]],
      ['gym', [0, 0, 0, 0, 0, 0, 0]],
      ['dental', [2, 2, 2, 2, 1, 1, 0]],
      ['none', [1, 0, 0, 0, 0, 0, 0]],
    ]);
    expect(byIndustry.rows[1].steps[1]).toEqual({ step: 'trial_started', count: 0, fromPrevious: null, overall: null });

    // The week after holds the later signup alone.
    const next = await (await staff.request('/v1/admin/analytics/funnel?from=2026-11-16&to=2026-11-22')).json();
    expect(next.rows.map((r: { group: string }) => [r.group, counts(r as never)])).toEqual([['2026-11-16', [1, 1, 1, 0, 0, 0, 0]]]);
  }, 120_000);

  it('answers a clear 400 for a bad range or grouping, and 403 to people who are not staff and to API keys', async () => {
    for (const query of ['from=2026-05-01&to=2026-01-01', 'from=nope', 'to=2026-02-30', 'groupBy=month', 'from=2025-01-01&to=2026-06-01']) {
      const res = await staff.request(`/v1/admin/analytics/funnel?${query}`);
      expect({ query, status: res.status, code: (await res.json()).code }).toEqual({ query, status: 400, code: 'VALIDATION.FAILED' });
    }
    const defaults = await (await staff.request('/v1/admin/analytics/funnel')).json();
    expect(defaults.rows).toHaveLength(12);
    expect(defaults.groupBy).toBe('week');

    const owner = await signInAs(t, 'owner@example.com');
    const denied = await owner.request('/v1/admin/analytics/funnel');
    expect({ status: denied.status, code: (await denied.json()).code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    const { key } = await t.app.get(ApiKeysService).create(businessId, 'integration', owner.userId);
    const byKey = await t.request('/v1/admin/analytics/funnel', { headers: { authorization: `Bearer ${key}` } });
    expect(byKey.status).toBe(403);
  });
});
