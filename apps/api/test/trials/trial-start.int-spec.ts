import { TRIAL_START_BUTTON_TEXT, type CallReport } from '@beaker/contracts';
import { ManualClock, resetState, startApp, TestApp } from '../harness';
import { client, inbox, setCookies, signIn, signInAs, SignedInClient, tokenFrom } from '../factories/auth.factory';
import { confirmCode, createTrial, freshPhone, latestCode, sendCode } from '../factories/trials.factory';
import { eventually } from '../webhooks/webhook-deliveries';

const START = new Date('2026-03-10T15:00:00Z');

/**
 * The trial from the landing page without signing in first (issue 18): one form opens a trial
 * session that reaches only its trial; the phone is still proven by SMS before any call, and the
 * email by its sign-in link before paying or reading a report elsewhere.
 */
describe('trials: start without signing in (trial session)', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let clock: ManualClock;

  beforeAll(async () => {
    t = await startApp({ clockAt: START, inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '60' } });
    clock = t.clock!;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    clock.set(START);
    await resetState(t);
  });

  const start = async (email: string, phone = freshPhone()): Promise<{ status: number; body: Record<string, unknown>; session: SignedInClient | null }> => {
    const res = await t.request('/v1/trials/start', { method: 'POST', json: { industry: 'hvac', businessName: 'Northside Heating & Air', phone, email } });
    const body = await res.json();
    if (res.status !== 201) return { status: res.status, body, session: null };
    const cookies = setCookies(res as unknown as Response);
    const session = client(t, { userId: 'unknown', email, sessionToken: cookies.beaker_session.value, csrfToken: cookies.beaker_csrf.value });
    return { status: res.status, body, session };
  };

  it('creates the trial (scenario lead_intake by default), opens a trial session and emails a sign-in link back to the trial', async () => {
    const { status, body, session } = await start('  Dana@Northside.test ');
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'pending', industry: 'hvac', scenario: 'lead_intake', phoneVerified: false, callsLimit: 3 });

    const me = await (await session!.request('/v1/me')).json();
    expect(me).toMatchObject({ email: 'dana@northside.test', role: 'user', businesses: [], trialSessionFor: body.id });
    expect((await (await session!.request(`/v1/trials/${String(body.id)}`)).json()).id).toBe(body.id);
    expect(await (await session!.request('/v1/trials')).json()).toEqual({ items: [expect.objectContaining({ id: body.id })], nextCursor: null });

    const [mail] = await inbox(t, 'dana@northside.test');
    expect(mail.text).toContain(`next=${encodeURIComponent(`/try/${String(body.id)}`)}`);
  });

  it('phone proven by code before any call; the call records the start button as the consent', async () => {
    const { body, session } = await start('dana@northside.test');
    const trialId = String(body.id);
    const phone = String(body.phone);

    const early = await session!.request(`/v1/trials/${trialId}/calls`, { method: 'POST', json: { consentFrom: 'start_form' } });
    expect(early.status).toBe(409);
    expect((await early.json()).code).toBe('TRIALS.PHONE_NOT_VERIFIED');

    expect((await sendCode(session!, trialId)).status).toBe(202);
    expect((await confirmCode(session!, trialId, await latestCode(t, phone))).status).toBe(200);
    const placed = await session!.request(`/v1/trials/${trialId}/calls`, { method: 'POST', json: { consentFrom: 'start_form' } });
    expect(placed.status).toBe(202);
    const call = (await placed.json()) as CallReport;

    const [consent] = await t.db.query(`SELECT method, trial_id, consent_text FROM consent_records WHERE phone_e164 = $1`, [phone]);
    expect(consent).toMatchObject({ method: 'verbal_trial', trial_id: trialId });
    expect(consent.consent_text).toContain(`“${TRIAL_START_BUTTON_TEXT}”`);

    // The report on this device, with the trial session.
    const done = await eventually(
      async () => (await session!.request(`/v1/calls/${call.id}`)).json() as Promise<CallReport>,
      (r) => r.status === 'completed' || r.status === 'failed',
      20_000,
      50,
    );
    expect(done.status).toBe('completed');
  });

  it('refuses an unknown consent source', async () => {
    const { body, session } = await start('dana@northside.test');
    const res = await session!.request(`/v1/trials/${String(body.id)}/calls`, { method: 'POST', json: { consentFrom: 'somewhere' } });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('VALIDATION.FAILED');
  });

  it('a trial session reaches its own trial only: no payment, no other trial, no other call, no staff role', async () => {
    // The address already has an account with a trial and a business-free history.
    const owner = await signIn(t, 'dana@northside.test');
    const earlier = await createTrial(owner);
    const { body, session } = await start('dana@northside.test');

    const pay = await session!.request('/v1/billing/checkout-sessions', { method: 'POST', json: { plan: 'starter', trialId: body.id } });
    expect(pay.status).toBe(403);
    expect((await pay.json()).code).toBe('AUTH.EMAIL_NOT_VERIFIED');
    expect((await session!.request(`/v1/trials/${earlier.id}`)).status).toBe(404);
    expect((await sendCode(session!, earlier.id)).status).toBe(404);
    expect((await session!.request(`/v1/trials/${earlier.id}/calls`, { method: 'POST' })).status).toBe(404);
    expect((await (await session!.request('/v1/trials')).json()).items.map((i: { id: string }) => i.id)).toEqual([body.id]);
    expect((await session!.request('/v1/admin/users')).status).toBe(403);
    expect((await session!.request('/v1/businesses/00000000-0000-0000-0000-000000000000/api-keys')).status).toBe(403);
    // The full session still sees both.
    expect((await (await owner.request('/v1/trials')).json()).items).toHaveLength(2);

    // An admin's address typed into the form opens no staff session.
    const staff = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const asStaff = await start(staff.email);
    expect(asStaff.status).toBe(201);
    expect((await asStaff.session!.request('/v1/me').then((r) => r.json())).role).toBe('user');
    expect((await asStaff.session!.request('/v1/admin/users')).status).toBe(403);
  });

  it('the emailed link opens a full session: payment and other devices work from there', async () => {
    const { body } = await start('dana@northside.test');
    const [mail] = await inbox(t, 'dana@northside.test');
    const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token: tokenFrom(mail) } });
    expect(res.status).toBe(201);
    const cookies = setCookies(res as unknown as Response);
    const full = client(t, { userId: 'x', email: 'dana@northside.test', sessionToken: cookies.beaker_session.value, csrfToken: cookies.beaker_csrf.value });
    expect((await (await full.request('/v1/me')).json()).trialSessionFor).toBeNull();
    expect((await full.request(`/v1/trials/${String(body.id)}`)).status).toBe(200);
  });

  it('refuses a throwaway email at once, before any account or trial, and the other checks like POST /v1/trials', async () => {
    const disposable = await start('someone@mailinator.com');
    expect(disposable.status).toBe(403);
    expect(disposable.body.code).toBe('TRIALS.DISPOSABLE_EMAIL');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM users WHERE email = 'someone@mailinator.com'`))[0].n).toBe(0);
    expect(disposable.session).toBeNull();

    const badPhone = await start('dana@northside.test', '+44 20 7123 4567');
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.code).toBe('TRIALS.INVALID_PHONE');

    // A toll-free number is a US number: the refusal says why it is refused, not that it is foreign.
    const tollFree = await start('dana@northside.test', '+1 800 555 0100');
    expect(tollFree.status).toBe(400);
    expect(tollFree.body.code).toBe('TRIALS.INVALID_PHONE');
    expect(tollFree.body.detail).toMatch(/^Toll-free numbers cannot/);
    expect(tollFree.body.detail).not.toMatch(/US or Canadian/);

    const badEmail = await start('not-an-email');
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.code).toBe('VALIDATION.FAILED');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM trials`))[0].n).toBe(0);
  });

  it('GET …/verification tells a reloaded page where verification stands without texting again, the lock included', async () => {
    const { body, session } = await start('dana@northside.test');
    const trialId = String(body.id);
    const phone = String(body.phone);
    const state = async () => (await session!.request(`/v1/trials/${trialId}/verification`)).json();
    const texts = async (): Promise<number> => (await (await t.request(`/v1/sandbox/messages?to=${encodeURIComponent(phone)}`)).json()).items.length;

    expect(await state()).toEqual({ sentTo: phone, codeSentAt: null, expiresAt: null, resendAvailableAt: null, attemptsLeft: 5, lockedUntil: null });
    expect((await sendCode(session!, trialId)).status).toBe(202);
    expect(await state()).toEqual({
      sentTo: phone,
      codeSentAt: START.toISOString(),
      expiresAt: new Date(START.getTime() + 10 * 60_000).toISOString(),
      resendAvailableAt: new Date(START.getTime() + 30_000).toISOString(),
      attemptsLeft: 5,
      lockedUntil: null,
    });
    const code = await latestCode(t, phone);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) await confirmCode(session!, trialId, wrong);
    clock.advance(60_000);
    const locked = await state();
    const until = new Date(START.getTime() + 60 * 60_000).toISOString();
    expect(locked).toMatchObject({ attemptsLeft: 0, lockedUntil: until, resendAvailableAt: until });
    // Asking again (a reload) texted nothing.
    expect(await state()).toEqual(locked);
    expect(await texts()).toBe(1);

    clock.advance(60 * 60_000);
    expect(await state()).toMatchObject({ lockedUntil: null, resendAvailableAt: null });
    // Another person's trial: 404.
    const other = await signInAs(t, 'other@elsewhere.test');
    expect((await other.request(`/v1/trials/${trialId}/verification`)).status).toBe(404);
  });
});
