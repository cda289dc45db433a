import { randomUUID } from 'node:crypto';
import { createBusiness, signInAs, SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

interface Hit {
  kind: string;
  id: string;
  title: string;
  subtitle: string;
  url: string;
  businessUrl?: string;
}

/** One of each kind, with every key staff may type, written straight to the database. */
async function seed(t: TestApp) {
  const [user] = await t.db.query(`INSERT INTO users (email) VALUES ('dana.owner@coolair.example') RETURNING id`);
  const [other] = await t.db.query(`INSERT INTO users (email) VALUES ('not-dana@coolair.example') RETURNING id`);
  const businessId = await createBusiness(t, { name: 'Cool Air HVAC of Chicago', ownerId: user.id });
  const customer = `cus_${randomUUID().replace(/-/g, '').slice(0, 14)}`;
  const subscription = `sub_${randomUUID().replace(/-/g, '').slice(0, 14)}`;
  await t.db.query(`UPDATE businesses SET stripe_customer_id = $2, stripe_subscription_id = $3 WHERE id = $1`, [businessId, customer, subscription]);
  const [number] = await t.db.query(`INSERT INTO phone_numbers (business_id, e164, status) VALUES ($1, '+17735550100', 'active') RETURNING id`, [businessId]);
  const [trial] = await t.db.query(
    `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at) VALUES ($1, 'hvac', 'Dana Heating', 'lead_intake', '+13125550142', now() + interval '2 days') RETURNING id`,
    [user.id],
  );
  const vapiCallId = randomUUID();
  const twilioCallSid = `CA${randomUUID().replace(/-/g, '')}`;
  const [call] = await t.db.query(
    `INSERT INTO calls (business_id, direction, status, to_e164, from_e164, vapi_call_id, twilio_call_sid) VALUES ($1, 'inbound', 'completed', '+17735550100', '+13125550199', $2, $3) RETURNING id`,
    [businessId, vapiCallId, twilioCallSid],
  );
  const [lead] = await t.db.query(
    `INSERT INTO leads (business_id, source, phone_e164, name, email, auto_call, last_submission_at) VALUES ($1, 'api', '+16305550123', 'Pat Lead', 'Pat.Lead@Example.org', true, now()) RETURNING id`,
    [businessId],
  );
  const providerEventId = `evt_${randomUUID().replace(/-/g, '')}`;
  const [event] = await t.db.query(
    `INSERT INTO webhook_events (provider, event_id, event_type, payload, status) VALUES ('stripe', $1, 'invoice.paid', '{}'::jsonb, 'completed') RETURNING id`,
    [providerEventId],
  );
  return { user: user.id, other: other.id, businessId, customer, subscription, number: number.id, trial: trial.id, call: call.id, vapiCallId, twilioCallSid, lead: lead.id, event: event.id, providerEventId };
}

describe('admin: one search for everything', () => {
  let t: TestApp;
  let staff: SignedInClient;
  let s: Awaited<ReturnType<typeof seed>>;

  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
    s = await seed(t);
  });

  async function search(q: string, extra = ''): Promise<{ items: Hit[]; nextCursor: string | null }> {
    const res = await staff.request(`/v1/admin/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return res.json();
  }

  /** The first hit is this thing (best match first), with its page's URL. */
  async function findsFirst(q: string, kind: string, id: string): Promise<void> {
    const { items } = await search(q);
    expect({ q, first: items[0] && { kind: items[0].kind, id: items[0].id } }).toEqual({ q, first: { kind, id } });
    const page = { user: 'users', business: 'businesses', phone_number: 'phone-numbers', trial: 'trials', call: 'calls', lead: 'leads', webhook_event: 'webhook-events' }[kind];
    expect(items[0].url).toBe(`/admin/${page}/${id}`);
    expect(items[0].title.length).toBeGreaterThan(0);
  }

  it('finds each kind by each of its keys, best match first', async () => {
    // users: id, the whole email (any case), its start
    await findsFirst(s.user, 'user', s.user);
    await findsFirst('Dana.Owner@coolair.example', 'user', s.user);
    await findsFirst('dana.own', 'user', s.user);
    // users by their email domain, whole or its start, with or without the @
    const byDomain = await search('@coolair.example');
    expect(byDomain.items.filter((i) => i.kind === 'user').map((i) => i.id).sort()).toEqual([s.user, s.other].sort());
    expect((await search('coolair.example')).items.filter((i) => i.kind === 'user')).toHaveLength(2);
    expect((await search('coolair.exam')).items.filter((i) => i.kind === 'user')).toHaveLength(2); // the start of a domain
    expect((await search('air.example')).items.filter((i) => i.kind === 'user')).toHaveLength(0); // domains match from their start
    // businesses: id, name (whole, start, part), Stripe customer and subscription ids
    await findsFirst(s.businessId, 'business', s.businessId);
    await findsFirst('cool air hvac of chicago', 'business', s.businessId);
    await findsFirst('Cool Air', 'business', s.businessId);
    await findsFirst('of chicago', 'business', s.businessId);
    await findsFirst(s.customer, 'business', s.businessId);
    await findsFirst(s.subscription, 'business', s.businessId);
    // phone numbers: id, and the number however it is typed
    await findsFirst(s.number, 'phone_number', s.number);
    for (const typed of ['(773) 555-0100', '7735550100', '+17735550100', '773-555-0100', '1 773 555 0100']) await findsFirst(typed, 'phone_number', s.number);
    // a number's hit names its business's page (numbers have no page of their own in the web app)
    expect((await search('(773) 555-0100')).items.find((i) => i.kind === 'phone_number')?.businessUrl).toBe(`/admin/businesses/${s.businessId}`);
    expect((await search('Cool Air')).items[0].businessUrl).toBeUndefined();
    // trials: id, the prospect's phone
    await findsFirst(s.trial, 'trial', s.trial);
    await findsFirst('(312) 555-0142', 'trial', s.trial);
    // calls: id, Vapi call id, Twilio call sid
    await findsFirst(s.call, 'call', s.call);
    await findsFirst(s.vapiCallId, 'call', s.call);
    await findsFirst(s.twilioCallSid, 'call', s.call);
    // leads: id, phone, email (whole or its start, any case)
    await findsFirst(s.lead, 'lead', s.lead);
    await findsFirst('630.555.0123', 'lead', s.lead);
    await findsFirst('pat.lead@example.org', 'lead', s.lead);
    await findsFirst('Pat.Le', 'lead', s.lead);
    // webhook events: id, the provider's event id
    await findsFirst(s.event, 'webhook_event', s.event);
    await findsFirst(s.providerEventId, 'webhook_event', s.event);
  });

  it('lists a whole-key match before a start, and a start before a part', async () => {
    const { items } = await search('dana');
    // "dana.owner@…" starts with it; "not-dana@…" only contains it.
    expect(items.map((i) => i.id)).toEqual([s.user, s.other]);
    const exact = await search('not-dana@coolair.example');
    expect(exact.items[0].id).toBe(s.other);
  });

  it('finds everything a phone number is, at once', async () => {
    await t.db.query(
      `INSERT INTO leads (business_id, source, phone_e164, auto_call, last_submission_at) VALUES ($1, 'form', '+17735550100', true, now())`,
      [s.businessId],
    );
    const { items } = await search('(773) 555-0100');
    expect(items.map((i) => i.kind).sort()).toEqual(['lead', 'phone_number']);
  });

  it('pages with a cursor, without repeating a thing', async () => {
    for (let i = 0; i < 5; i++) await t.db.query(`INSERT INTO users (email) VALUES ($1)`, [`pager-${i}@coolair.example`]);
    const first = await search('pager-', '&limit=2');
    expect(first.items).toHaveLength(2);
    const second = await search('pager-', `&limit=2&cursor=${first.nextCursor}`);
    const third = await search('pager-', `&limit=2&cursor=${second.nextCursor}`);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
  });

  it('takes the query as text, not as a pattern, and finds nothing where there is nothing', async () => {
    expect((await search('%%')).items).toEqual([]);
    expect((await search('__')).items).toEqual([]);
    expect((await search(randomUUID())).items).toEqual([]);
    expect((await search('cus_nothing_here')).items).toEqual([]);
  });

  it('refuses bad input with 400 and a stable code, never a 500', async () => {
    for (const [query, code] of [
      ['', 'VALIDATION.FAILED'],
      ['q=', 'VALIDATION.FAILED'],
      ['q=%20a%20', 'VALIDATION.FAILED'],
      [`q=${'x'.repeat(201)}`, 'VALIDATION.FAILED'],
      ['q=dana&limit=0', 'VALIDATION.FAILED'],
      ['q=dana&limit=51', 'VALIDATION.FAILED'],
      ['q=dana&cursor=not-a-cursor', 'PAGINATION.INVALID_CURSOR'],
      [`q=dana&cursor=${Buffer.from(JSON.stringify({ o: -1 })).toString('base64url')}`, 'PAGINATION.INVALID_CURSOR'],
    ]) {
      const res = await staff.request(`/v1/admin/search?${query}`);
      expect({ query, status: res.status, code: (await res.json()).code }).toEqual({ query, status: 400, code });
    }
    // Odd but valid text is a search like any other.
    for (const q of ["o'brien", 'a\\b', '++', '((()))', '😀😀', 'DROP TABLE users;', '+0000000000000000']) {
      const res = await staff.request(`/v1/admin/search?q=${encodeURIComponent(q)}`);
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
    }
  });
});
