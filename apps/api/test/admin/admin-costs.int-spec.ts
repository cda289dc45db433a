import { createBusiness, signInAs, SignedInClient } from '../factories/auth.factory';
import { checkoutCompleted, DAY, deliver, invoiceEvent, newSubscription, quiet, settled, subscriptionEvent } from '../billing/billing.factory';
import { resetState, startApp, TestApp } from '../harness';

const NOV = { from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' };

describe('admin: costs and margin', () => {
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

  async function invoice(businessId: string, id: string, cents: number, paidAt: string): Promise<void> {
    await t.db.query(`INSERT INTO business_invoices (business_id, stripe_invoice_id, amount_paid_cents, currency, paid_at) VALUES ($1, $2, $3, 'usd', $4)`, [
      businessId,
      id,
      cents,
      paidAt,
    ]);
  }

  async function call(owner: { businessId?: string; trialId?: string }, createdAt: string, total: number | null, breakdown: Record<string, number> | null): Promise<void> {
    await t.db.query(
      `INSERT INTO calls (business_id, trial_id, direction, status, to_e164, cost_total, cost_breakdown, created_at)
       VALUES ($1, $2, $3, 'completed', '+13125550199', $4, $5::jsonb, $6)`,
      [owner.businessId ?? null, owner.trialId ?? null, owner.trialId ? 'outbound_trial' : 'inbound', total, breakdown ? JSON.stringify(breakdown) : null, createdAt],
    );
  }

  /**
   * November 2026, figured by hand:
   *   Pricey Gym   revenue  99.00  cost 60.00 + 50.10 = 110.10  margin −11.10  (an October invoice is outside)
   *   Quiet Dental revenue   0.00  cost  0.75                    margin  −0.75  (no invoice)
   *   Cool Air     revenue  99.00  cost 0.50 + 1.25 + 0.30 = 2.05 margin 96.95  (a December call is outside)
   *   Big Pro      revenue 299.00  cost  0.00                    margin 299.00  (no call)
   * plus a trial call (0.40 of twilio), counted per provider, in no business.
   */
  async function seedNovember() {
    const coolAir = await createBusiness(t, { name: 'Cool Air HVAC' });
    const gym = await createBusiness(t, { name: 'Pricey Gym' });
    const dental = await createBusiness(t, { name: 'Quiet Dental' });
    const bigPro = await createBusiness(t, { name: 'Big Pro', plan: 'pro' });
    const prospect = await signInAs(t, 'prospect@example.com');
    const [trial] = await t.db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at) VALUES ($1, 'hvac', 'Dana Heating', 'lead_intake', '+13125550142', now() + interval '2 days') RETURNING id`,
      [prospect.userId],
    );

    await invoice(coolAir, 'in_coolair_nov', 9900, '2026-11-03T10:00:00Z');
    await invoice(gym, 'in_gym_nov', 9900, '2026-11-10T10:00:00Z');
    await invoice(gym, 'in_gym_oct', 9900, '2026-10-30T10:00:00Z');
    await invoice(bigPro, 'in_bigpro_nov', 29900, '2026-11-30T23:59:59Z');

    await call({ businessId: coolAir }, '2026-11-05T09:00:00Z', 0.5, { twilio: 0.2, llm: 0.3 });
    await call({ businessId: coolAir }, '2026-11-05T15:00:00Z', 1.25, { twilio: 0.25, llm: 1.0 });
    await call({ businessId: coolAir }, '2026-11-06T09:00:00Z', 0.3, { twilio: 0.1, tts: 0.2 });
    await call({ businessId: coolAir }, '2026-12-01T00:00:00Z', 9, { twilio: 9 });
    await call({ businessId: gym }, '2026-11-06T12:00:00Z', 60, { llm: 60 });
    await call({ businessId: gym }, '2026-11-07T12:00:00Z', 50.1, null);
    await call({ businessId: dental }, '2026-11-07T13:00:00Z', 0.75, { twilio: 0.75 });
    await call({ trialId: trial.id }, '2026-11-07T14:00:00Z', 0.4, { twilio: 0.4 });
    return { coolAir, gym, dental, bigPro };
  }

  it('per business over the period: revenue minus call costs, least profitable first, with totals', async () => {
    const { coolAir, gym, dental, bigPro } = await seedNovember();
    const res = await staff.request(`/v1/admin/costs?groupBy=business&from=${NOV.from}&to=${NOV.to}`);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ groupBy: 'business', from: NOV.from, to: NOV.to, nextCursor: null });
    expect(report.items).toEqual([
      { businessId: gym, businessName: 'Pricey Gym', plan: 'starter', status: 'active', invoices: 1, revenueUsd: 99, calls: 2, costUsd: 110.1, marginUsd: -11.1 },
      { businessId: dental, businessName: 'Quiet Dental', plan: 'starter', status: 'active', invoices: 0, revenueUsd: 0, calls: 1, costUsd: 0.75, marginUsd: -0.75 },
      { businessId: coolAir, businessName: 'Cool Air HVAC', plan: 'starter', status: 'active', invoices: 1, revenueUsd: 99, calls: 3, costUsd: 2.05, marginUsd: 96.95 },
      { businessId: bigPro, businessName: 'Big Pro', plan: 'pro', status: 'active', invoices: 1, revenueUsd: 299, calls: 0, costUsd: 0, marginUsd: 299 },
    ]);
    expect(report.totals).toEqual({ calls: 6, costUsd: 112.9, revenueUsd: 497, marginUsd: 384.1 });
  });

  it('per provider per UTC day: each cost breakdown split, a total without one as unattributed, trial calls included', async () => {
    await seedNovember();
    const res = await staff.request(`/v1/admin/costs?groupBy=provider&from=${NOV.from}&to=${NOV.to}`);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.items).toEqual([
      { day: '2026-11-05', provider: 'llm', calls: 2, costUsd: 1.3 },
      { day: '2026-11-05', provider: 'twilio', calls: 2, costUsd: 0.45 },
      { day: '2026-11-06', provider: 'llm', calls: 1, costUsd: 60 },
      { day: '2026-11-06', provider: 'tts', calls: 1, costUsd: 0.2 },
      { day: '2026-11-06', provider: 'twilio', calls: 1, costUsd: 0.1 },
      { day: '2026-11-07', provider: 'twilio', calls: 2, costUsd: 1.15 },
      { day: '2026-11-07', provider: 'unattributed', calls: 1, costUsd: 50.1 },
    ]);
    expect(report.totals).toEqual({ calls: 7, costUsd: 113.3, revenueUsd: null, marginUsd: null });
  });

  it('pages the report by cursor, and exports the whole of it as CSV', async () => {
    const { gym, dental, coolAir, bigPro } = await seedNovember();
    const first = await (await staff.request(`/v1/admin/costs?groupBy=business&from=${NOV.from}&to=${NOV.to}&limit=3`)).json();
    expect(first.items.map((r: { businessId: string }) => r.businessId)).toEqual([gym, dental, coolAir]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await staff.request(`/v1/admin/costs?groupBy=business&from=${NOV.from}&to=${NOV.to}&limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((r: { businessId: string }) => r.businessId)).toEqual([bigPro]);
    expect(second.nextCursor).toBeNull();
    // Totals are the period's, whatever the page.
    expect(second.totals).toEqual(first.totals);

    const csv = await staff.request(`/v1/admin/costs?groupBy=business&from=${NOV.from}&to=${NOV.to}&limit=1&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="costs-by-business-2026-11-01-2026-12-01.csv"');
    expect((await csv.text()).split('\r\n')).toEqual([
      'businessId,businessName,plan,status,invoices,revenueUsd,calls,costUsd,marginUsd',
      `${gym},Pricey Gym,starter,active,1,99,2,110.1,-11.1`,
      `${dental},Quiet Dental,starter,active,0,0,1,0.75,-0.75`,
      `${coolAir},Cool Air HVAC,starter,active,1,99,3,2.05,96.95`,
      `${bigPro},Big Pro,pro,active,1,299,0,0,299`,
      '',
    ]);
    const byProvider = await (await staff.request(`/v1/admin/costs?groupBy=provider&from=${NOV.from}&to=${NOV.to}&format=csv`)).text();
    expect(byProvider.split('\r\n').slice(0, 2)).toEqual(['day,provider,calls,costUsd', '2026-11-05,llm,2,1.3']);
  });

  it("a business's page shows its revenue, costs and margin over the last 30 days", async () => {
    const businessId = await createBusiness(t, { name: 'Cool Air HVAC' });
    const daysAgo = (n: number) => new Date(Date.now() - n * DAY * 1000).toISOString();
    await invoice(businessId, 'in_recent', 9900, daysAgo(3));
    await invoice(businessId, 'in_old', 9900, daysAgo(40));
    await call({ businessId }, daysAgo(2), 1.5, { twilio: 1.5 });
    await call({ businessId }, daysAgo(45), 7, { twilio: 7 });
    const page = await (await staff.request(`/v1/admin/businesses/${businessId}`)).json();
    expect(page.margin).toMatchObject({ invoices: 1, revenueUsd: 99, calls: 1, costUsd: 1.5, marginUsd: 97.5 });
    expect(Date.parse(page.margin.to) - Date.parse(page.margin.from)).toBe(30 * DAY * 1000);
  });

  it('refuses a bad period, grouping or cursor with 400 and a stable code', async () => {
    for (const [query, code] of [
      [`from=${NOV.to}&to=${NOV.from}`, 'VALIDATION.FAILED'],
      [`from=${NOV.from}&to=${NOV.from}`, 'VALIDATION.FAILED'],
      ['from=2025-01-01T00:00:00Z&to=2026-12-01T00:00:00Z', 'VALIDATION.FAILED'],
      ['from=yesterday', 'VALIDATION.FAILED'],
      ['groupBy=day', 'VALIDATION.FAILED'],
      ['format=xml', 'VALIDATION.FAILED'],
      ['cursor=nope', 'PAGINATION.INVALID_CURSOR'],
    ]) {
      const res = await staff.request(`/v1/admin/costs?${query}`);
      expect({ query, status: res.status, code: (await res.json()).code }).toEqual({ query, status: 400, code });
    }
  });

  it("revenue comes from Stripe's paid invoices, each counted once however often it is delivered", async () => {
    const s = await newSubscription(t);
    const checkout = checkoutCompleted(s, 'starter');
    const created = subscriptionEvent(s, 'customer.subscription.created', { plan: 'starter' }, s.start);
    const paid = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_first', periodStart: s.start, billingReason: 'subscription_create' }, s.start);
    for (const e of [checkout, created, paid]) await deliver(t, e);
    await settled(t, [checkout, created, paid]);
    // The same invoice in a second event, and the renewal a period later (outside January).
    const again = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_first', periodStart: s.start, billingReason: 'subscription_create' }, s.start + 5);
    const renewal = invoiceEvent(s, 'invoice.paid', { invoiceId: 'in_test_renewal', periodStart: s.start + 31 * DAY, billingReason: 'subscription_cycle' }, s.start + 31 * DAY);
    for (const e of [again, renewal]) await deliver(t, e);
    await settled(t, [again, renewal]);

    const january = { from: new Date(s.start * 1000).toISOString(), to: new Date((s.start + 31 * DAY) * 1000).toISOString() };
    const report = await (await staff.request(`/v1/admin/costs?groupBy=business&from=${january.from}&to=${january.to}`)).json();
    expect(report.items).toEqual([expect.objectContaining({ invoices: 1, revenueUsd: 99, calls: 0, costUsd: 0, marginUsd: 99 })]);
    expect(await t.db.query(`SELECT stripe_invoice_id, amount_paid_cents, currency FROM business_invoices ORDER BY paid_at`)).toEqual([
      { stripe_invoice_id: 'in_test_first', amount_paid_cents: 9900, currency: 'usd' },
      { stripe_invoice_id: 'in_test_renewal', amount_paid_cents: 9900, currency: 'usd' },
    ]);
  }, 60_000);
});
