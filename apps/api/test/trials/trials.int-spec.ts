import { ManualClock, resetState, startApp, TestApp } from '../harness';
import { signInAs } from '../factories/auth.factory';
import { confirmCode, createTrial, createTrialRequest, freshPhone, latestCode, sendCode } from '../factories/trials.factory';
import { VapiSandbox } from '../../src/integrations/sandbox/vapi/vapi.sandbox';

const START = new Date('2026-03-10T15:00:00Z');

/** Creating a trial, reading it, and verifying its phone by SMS code. */
describe('trials: creation and phone verification', () => {
  let t: TestApp;
  let clock: ManualClock;

  beforeAll(async () => {
    t = await startApp({ clockAt: START });
    clock = t.clock!;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    clock.set(START);
    await resetState(t);
  });

  it('creates a pending trial: E.164 phone, 3 calls, 48 hours', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const res = await createTrialRequest(owner, { industry: 'hvac', businessName: '  Northside Heating & Air ', scenario: 'scheduling', phone: '(415) 555-0123' });
    expect(res.status).toBe(201);
    const trial = await res.json();
    expect(trial).toEqual({
      id: expect.any(String),
      status: 'pending',
      industry: 'hvac',
      businessName: 'Northside Heating & Air',
      scenario: 'scheduling',
      phone: '+14155550123',
      phoneVerified: false,
      callsUsed: 0,
      callsLimit: 3,
      expiresAt: '2026-03-12T15:00:00.000Z',
      createdAt: START.toISOString(),
      assistant: null,
      latestCallId: null,
    });

    expect((await (await owner.request(`/v1/trials/${trial.id}`)).json()).id).toBe(trial.id);
    const list = await (await owner.request('/v1/trials')).json();
    expect(list).toEqual({ items: [expect.objectContaining({ id: trial.id })], nextCursor: null });
  });

  it.each([
    ['a UK number', '+44 20 7123 4567'],
    ['a number too short', '415 555 012'],
    ['a premium-rate number', '1-900-555-0100'],
  ])('refuses %s with TRIALS.INVALID_PHONE', async (_what, phone) => {
    const owner = await signInAs(t, 'owner@northside.test');
    const res = await createTrialRequest(owner, { phone });
    expect(res.status).toBe(400);
    expect((await res.json()).code).toBe('TRIALS.INVALID_PHONE');
  });

  it('validates the industry and scenario against the shared enums', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const res = await owner.request('/v1/trials', { method: 'POST', json: { industry: 'plumbing', businessName: 'X', scenario: 'lead_intake', phone: freshPhone() } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe('VALIDATION.FAILED');
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['industry']);
  });

  it("keeps each person's trials to themselves", async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const other = await signInAs(t, 'other@elsewhere.test');
    const trial = await createTrial(owner);
    expect((await other.request(`/v1/trials/${trial.id}`)).status).toBe(404);
    expect((await sendCode(other, trial.id)).status).toBe(404);
    expect((await other.request(`/v1/trials/${trial.id}/calls`, { method: 'POST' })).status).toBe(404);
    expect((await (await other.request('/v1/trials')).json()).items).toEqual([]);
    expect((await t.request(`/v1/trials/${trial.id}`)).status).toBe(401);
  });

  it('texts a 6-digit code, stores only its hash, and the right code activates the trial with its agent', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const trial = await createTrial(owner, { industry: 'dental', scenario: 'faq', businessName: 'Bright Smiles' });

    const sent = await sendCode(owner, trial.id);
    expect(sent.status).toBe(202);
    expect(await sent.json()).toEqual({
      sentTo: trial.phone,
      expiresAt: new Date(START.getTime() + 10 * 60_000).toISOString(),
      resendAvailableAt: new Date(START.getTime() + 30_000).toISOString(),
      attemptsLeft: 5,
    });
    const code = await latestCode(t, trial.phone);
    const [row] = await t.db.query(`SELECT code_hash FROM phone_verifications WHERE trial_id = $1`, [trial.id]);
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code);

    const wrong = await confirmCode(owner, trial.id, code === '000000' ? '111111' : '000000');
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'TRIALS.CODE_INVALID', attemptsLeft: 4 });

    const confirmed = await confirmCode(owner, trial.id, code);
    expect(confirmed.status).toBe(200);
    const active = await confirmed.json();
    expect(active).toMatchObject({ status: 'active', phoneVerified: true, assistant: { name: 'Sarah', greeting: expect.stringContaining('Bright Smiles') } });
    expect(active.assistant.greeting).toMatch(/AI voice assistant/);

    // The agent exists with the provider, scripted from the persona.
    const [stored] = await t.db.query(`SELECT vapi_assistant_id, assistant_config FROM trials WHERE id = $1`, [trial.id]);
    const assistant = await t.app.get(VapiSandbox).getAssistant(stored.vapi_assistant_id);
    expect(assistant?.spec).toMatchObject({
      maxDurationSeconds: 120,
      metadata: { industry: 'dental', scenario: 'faq', businessName: 'Bright Smiles', trialId: trial.id },
      serverUrl: `${t.baseUrl}/webhooks/vapi`,
    });
    expect(stored.assistant_config.persona).toMatchObject({ industry: 'dental', scenario: 'faq', assistantName: 'Sarah', maxDurationSeconds: 120 });
    expect(Object.keys(stored.assistant_config.persona.structuredDataSchema.properties)).toEqual(expect.arrayContaining(['name', 'phone', 'email', 'intent', 'urgency']));

    const again = await confirmCode(owner, trial.id, code);
    expect((await again.json()).code).toBe('TRIALS.ALREADY_VERIFIED');
    expect((await sendCode(owner, trial.id)).status).toBe(409);
  });

  it('sends a new code at most every 30 s', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const trial = await createTrial(owner);
    expect((await sendCode(owner, trial.id)).status).toBe(202);
    clock.advance(10_000);
    const soon = await sendCode(owner, trial.id);
    expect(soon.status).toBe(429);
    expect(soon.headers.get('retry-after')).toBe('20');
    expect(await soon.json()).toMatchObject({ code: 'TRIALS.RESEND_TOO_SOON', retryAfterSeconds: 20 });
    clock.advance(20_000);
    expect((await sendCode(owner, trial.id)).status).toBe(202);
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM phone_verifications WHERE trial_id = $1`, [trial.id]);
    expect(count).toBe(2);
  });

  it('refuses a code after its 10 minutes with TRIALS.CODE_EXPIRED, and only the newest code counts', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const trial = await createTrial(owner);
    await sendCode(owner, trial.id);
    const first = await latestCode(t, trial.phone);
    clock.advance(10 * 60_000 + 1000);
    const late = await confirmCode(owner, trial.id, first);
    expect(late.status).toBe(400);
    expect((await late.json()).code).toBe('TRIALS.CODE_EXPIRED');

    await sendCode(owner, trial.id);
    const second = await latestCode(t, trial.phone);
    if (second !== first) expect((await (await confirmCode(owner, trial.id, first)).json()).code).toBe('TRIALS.CODE_INVALID');
    expect((await confirmCode(owner, trial.id, second)).status).toBe(200);
  });

  it('locks verification after 5 wrong codes: even the right code is refused until the hour has passed', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const trial = await createTrial(owner);
    expect((await confirmCode(owner, trial.id, '123456')).status).toBe(409); // TRIALS.NO_CODE_SENT
    await sendCode(owner, trial.id);
    const code = await latestCode(t, trial.phone);
    const wrongCode = code === '999999' ? '999998' : '999999';

    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await (await confirmCode(owner, trial.id, wrongCode)).json());
    expect(answers.map((a) => a.code)).toEqual([...Array(4).fill('TRIALS.CODE_INVALID'), 'TRIALS.VERIFICATION_LOCKED']);
    expect(answers.slice(0, 4).map((a) => a.attemptsLeft)).toEqual([4, 3, 2, 1]);

    const right = await confirmCode(owner, trial.id, code);
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ code: 'TRIALS.VERIFICATION_LOCKED', retryAfterSeconds: 3600 });
    expect((await (await sendCode(owner, trial.id)).json()).code).toBe('TRIALS.VERIFICATION_LOCKED');
    expect((await (await owner.request(`/v1/trials/${trial.id}`)).json()).phoneVerified).toBe(false);
    const [event] = await t.db.query(`SELECT kind, user_id, phone_e164 FROM abuse_events`);
    expect(event).toEqual({ kind: 'verification_locked', user_id: owner.userId, phone_e164: trial.phone });

    clock.advance(60 * 60_000 + 1000);
    expect((await (await confirmCode(owner, trial.id, code)).json()).code).toBe('TRIALS.CODE_EXPIRED');
    expect((await sendCode(owner, trial.id)).status).toBe(202);
    expect((await confirmCode(owner, trial.id, await latestCode(t, trial.phone))).status).toBe(200);
  });

  it('counts at most 5 tries when 8 guesses arrive at once', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const trial = await createTrial(owner);
    await sendCode(owner, trial.id);
    const code = await latestCode(t, trial.phone);
    const wrongCode = code === '999999' ? '999998' : '999999';
    const answers = await Promise.all(Array.from({ length: 8 }, () => confirmCode(owner, trial.id, wrongCode).then((r) => r.json())));
    const [row] = await t.db.query(`SELECT attempts FROM phone_verifications WHERE trial_id = $1`, [trial.id]);
    expect(row.attempts).toBe(5);
    expect(answers.filter((a) => a.code === 'TRIALS.CODE_INVALID')).toHaveLength(4);
    expect(answers.filter((a) => a.code === 'TRIALS.VERIFICATION_LOCKED')).toHaveLength(4);
  });

  it('reads an overdue trial as expired and refuses its verification; the expiry job marks it', async () => {
    const owner = await signInAs(t, 'owner@northside.test');
    const trial = await createTrial(owner);
    clock.advance(48 * 3600_000);
    expect((await (await owner.request(`/v1/trials/${trial.id}`)).json()).status).toBe('expired');
    expect((await (await sendCode(owner, trial.id)).json()).code).toBe('TRIALS.EXPIRED');

    const { TrialExpiry } = await import('../../src/modules/trials/trial-expiry.service');
    expect(await t.app.get(TrialExpiry).expireDue()).toBe(1);
    const [row] = await t.db.query(`SELECT status FROM trials WHERE id = $1`, [trial.id]);
    expect(row.status).toBe('expired');
    expect(await t.app.get(TrialExpiry).expireDue()).toBe(0);
  });
});
