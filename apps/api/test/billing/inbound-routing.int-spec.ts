import { randomUUID } from 'node:crypto';
import { INBOUND_CALLER_LIMITS, PLAN_CATALOG, type BusinessStatus } from '@beaker/contracts';
import { VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';
import { businessAssistantSpec, businessPersonaFromTrial } from '../../src/modules/businesses/assistant/business-persona';
import { signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { deliverVapi, eventually } from '../webhooks/webhook-deliveries';
import { quiet } from './billing.factory';

interface LiveBusiness {
  id: string;
  number: string;
  vapiNumberId: string;
  assistantId: string;
}

let lineSeq = 0;

/**
 * Inbound calls: Vapi's assistant-request to /webhooks/vapi, answered synchronously with the
 * business's assistant, the message-taking fallback, or a refusal, and counted against the plan.
 */
describe('inbound: assistant-request routing', () => {
  let t: TestApp;
  let voice: VoiceAgentPort;

  beforeAll(async () => {
    t = await startApp({ inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '50' } });
    voice = t.app.get(VoiceAgentPort);
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));
  afterEach(async () => quiet(t));

  /** A provisioned business, as provisioning leaves it: its assistant, and a number imported into Vapi. */
  async function liveBusiness(state: { status?: BusinessStatus; used?: number; pastDueDaysAgo?: number; plan?: 'starter' | 'pro' } = {}): Promise<LiveBusiness> {
    const plan = state.plan ?? 'starter';
    const persona = businessPersonaFromTrial({ industry: 'hvac', scenario: 'lead_intake', businessName: 'Cool Air HVAC' });
    const number = `+1415555${String(100 + (lineSeq++ % 100)).padStart(4, '0')}`;
    const [business] = await t.db.query(
      `INSERT INTO businesses (name, industry, scenario, persona, status, plan, calls_included, calls_used_this_period, past_due_since, provisioning_status)
       VALUES ('Cool Air HVAC', 'hvac', 'lead_intake', $1::jsonb, $2, $3, $4, $5, $6, 'done') RETURNING id`,
      [
        JSON.stringify(persona),
        state.status ?? 'active',
        plan,
        PLAN_CATALOG[plan].callsIncluded,
        state.used ?? 0,
        state.pastDueDaysAgo === undefined ? null : new Date(Date.now() - state.pastDueDaysAgo * 86_400_000),
      ],
    );
    const { id: assistantId } = await voice.createAssistant(businessAssistantSpec(persona, { businessId: business.id, serverUrl: `${t.baseUrl}/webhooks/vapi` }));
    const { id: vapiNumberId } = await voice.importPhoneNumber({ e164: number, serverUrl: `${t.baseUrl}/webhooks/vapi` });
    await t.db.query(`UPDATE businesses SET vapi_assistant_id = $2 WHERE id = $1`, [business.id, assistantId]);
    await t.db.query(`INSERT INTO phone_numbers (business_id, e164, twilio_sid, vapi_phone_number_id, status) VALUES ($1, $2, $3, $4, 'active')`, [
      business.id,
      number,
      `PN${randomUUID().replace(/-/g, '')}`,
      vapiNumberId,
    ]);
    return { id: business.id, number, vapiNumberId, assistantId };
  }

  function assistantRequest(b: LiveBusiness, from = '+13125550142', vapiCallId = randomUUID()) {
    const now = new Date().toISOString();
    return deliverVapi(t, {
      message: {
        type: 'assistant-request',
        timestamp: Date.now(),
        call: { id: vapiCallId, orgId: 'org_1', type: 'inboundPhoneCall', status: 'ringing', createdAt: now, updatedAt: now, phoneNumberId: b.vapiNumberId, customer: { number: from } },
        customer: { number: from },
        phoneNumber: { id: b.vapiNumberId, number: b.number, provider: 'twilio' },
      },
    });
  }

  const usage = async (id: string) => (await t.db.query(`SELECT calls_used_this_period AS used FROM businesses WHERE id = $1`, [id]))[0].used as number;
  const inboundCalls = async (id: string) =>
    t.db.query(`SELECT vapi_call_id, direction, status, from_e164, to_e164, inbound_route FROM calls WHERE business_id = $1 ORDER BY created_at`, [id]);

  it('an active business under its limit: its assistant answers, the call is recorded and counted once', async () => {
    const b = await liveBusiness({ used: 3 });
    const vapiCallId = randomUUID();
    const res = await assistantRequest(b, '+13125550142', vapiCallId);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.assistantId).toBe(b.assistantId);
    const [call] = await inboundCalls(b.id);
    expect(call).toEqual({ vapi_call_id: vapiCallId, direction: 'inbound', status: 'initiated', from_e164: '+13125550142', to_e164: b.number, inbound_route: 'assistant' });
    expect(answer.assistantOverrides.metadata).toEqual({ callId: expect.any(String), businessId: b.id });
    expect(await usage(b.id)).toBe(4);

    // Vapi asking again about the same call: the same answer, no second count, no second call.
    const again = await (await assistantRequest(b, '+13125550142', vapiCallId)).json();
    expect(again).toEqual(answer);
    expect(await usage(b.id)).toBe(4);
    expect(await inboundCalls(b.id)).toHaveLength(1);
  });

  it('over the limit: the fallback takes a message, and nothing is counted', async () => {
    const b = await liveBusiness({ used: 100 });
    const answer = await (await assistantRequest(b)).json();
    expect(answer.assistantId).toBeUndefined();
    expect(answer.assistant.firstMessage).toContain('Thanks for calling Cool Air HVAC');
    expect(answer.assistant.firstMessage).toContain('take a message');
    expect(answer.assistant.metadata).toMatchObject({ purpose: 'inbound_fallback', businessId: b.id });
    expect(answer.assistant.server).toEqual({ url: `${t.baseUrl}/webhooks/vapi` });
    expect(await usage(b.id)).toBe(100);
    expect((await inboundCalls(b.id))[0].inbound_route).toBe('fallback');
  });

  it('canceled: the fallback, never an error', async () => {
    const b = await liveBusiness({ status: 'canceled', used: 0 });
    const res = await assistantRequest(b);
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.error).toBeUndefined();
    expect(answer.assistant.firstMessage).toContain('take a message');
    expect(await usage(b.id)).toBe(0);
  });

  it('past due: the assistant during the 7-day grace period, the fallback after it', async () => {
    const inGrace = await liveBusiness({ status: 'past_due', pastDueDaysAgo: 2 });
    expect((await (await assistantRequest(inGrace)).json()).assistantId).toBe(inGrace.assistantId);
    expect(await usage(inGrace.id)).toBe(1);
    const lapsed = await liveBusiness({ status: 'past_due', pastDueDaysAgo: 8 });
    expect((await (await assistantRequest(lapsed)).json()).assistant.metadata.purpose).toBe('inbound_fallback');
    expect(await usage(lapsed.id)).toBe(0);
  });

  it("a caller on the business's do-not-call list is refused politely and not counted", async () => {
    const b = await liveBusiness();
    await t.db.query(
      `INSERT INTO dnc_entries (business_id, phone_e164, source, reason, created_by_kind) VALUES ($1, '+13125550199', 'business', 'asked not to be called', 'system')`,
      [b.id],
    );
    const answer = await (await assistantRequest(b, '+13125550199')).json();
    expect(answer).toEqual({ error: expect.stringContaining('not able to take your call') });
    expect(await usage(b.id)).toBe(0);
    expect((await inboundCalls(b.id))[0].inbound_route).toBe('refused');
    // Another caller still reaches the assistant.
    expect((await (await assistantRequest(b, '+13125550100')).json()).assistantId).toBe(b.assistantId);
  });

  it('a number that answers for no business: told it is not in service', async () => {
    const b = await liveBusiness();
    await t.db.query(`UPDATE phone_numbers SET status = 'released' WHERE business_id = $1`, [b.id]);
    const answer = await (await assistantRequest(b)).json();
    expect(answer).toEqual({ error: expect.stringContaining('not in service') });
    expect(await inboundCalls(b.id)).toHaveLength(0);
  });

  it('calls racing for the last included call: exactly one gets the assistant', async () => {
    const b = await liveBusiness({ used: 99 });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => assistantRequest(b, `+1312555020${i}`).then((r) => r.json())));
    expect(answers.filter((a) => a.assistantId).length).toBe(1);
    expect(answers.filter((a) => a.assistant).length).toBe(5);
    expect(await usage(b.id)).toBe(100);
  });

  /** Earlier answered calls of a caller to a business, `minutesAgo` each. */
  async function pastCalls(b: LiveBusiness, from: string, minutesAgo: number[]): Promise<void> {
    for (const minutes of minutesAgo) {
      await t.db.query(
        `INSERT INTO calls (business_id, direction, status, to_e164, from_e164, inbound_route, created_at, updated_at)
         VALUES ($1, 'inbound', 'completed', $2, $3, 'assistant', now() - make_interval(mins => $4), now())`,
        [b.id, b.number, from, minutes],
      );
    }
  }
  const abuseEvents = async (kind: string) => t.db.query(`SELECT kind, phone_e164, details FROM abuse_events WHERE kind = $1 ORDER BY at`, [kind]);

  it(`one caller answered ${INBOUND_CALLER_LIMITS.perHour} times within the hour is declined after that, not counted; staff see it once`, async () => {
    const b = await liveBusiness();
    const flooder = '+13125550177';
    for (let i = 0; i < INBOUND_CALLER_LIMITS.perHour; i++) expect((await (await assistantRequest(b, flooder)).json()).assistantId).toBe(b.assistantId);
    expect(await usage(b.id)).toBe(INBOUND_CALLER_LIMITS.perHour);

    for (let i = 0; i < 3; i++) {
      const declined = await (await assistantRequest(b, flooder)).json();
      expect(declined).toEqual({ error: expect.stringContaining("We've had several calls from your number") });
      expect(declined.error).toContain('Cool Air HVAC');
    }
    expect(await usage(b.id)).toBe(INBOUND_CALLER_LIMITS.perHour);
    const routes = (await inboundCalls(b.id)).map((c: { inbound_route: string }) => c.inbound_route);
    expect(routes).toEqual([...Array(INBOUND_CALLER_LIMITS.perHour).fill('assistant'), 'limited', 'limited', 'limited']);

    // Anyone else still reaches the assistant, and is counted.
    expect((await (await assistantRequest(b, '+13125550178')).json()).assistantId).toBe(b.assistantId);
    expect(await usage(b.id)).toBe(INBOUND_CALLER_LIMITS.perHour + 1);

    // One abuse event for the three declined calls, in the staff's abuse review.
    expect(await abuseEvents('inbound_caller_limited')).toEqual([
      { kind: 'inbound_caller_limited', phone_e164: flooder, details: expect.objectContaining({ businessId: b.id, answeredLastHour: INBOUND_CALLER_LIMITS.perHour }) },
    ]);
    const staff = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    const review = await staff.request('/v1/admin/abuse-events?kind=inbound_caller_limited');
    expect(review.status).toBe(200);
    expect((await review.json()).items).toEqual([expect.objectContaining({ kind: 'inbound_caller_limited', phone: flooder })]);
  });

  it('one caller calling many times at once: exactly the hour\'s number of calls is answered', async () => {
    const b = await liveBusiness();
    const answers = await Promise.all(Array.from({ length: 8 }, () => assistantRequest(b, '+13125550179').then((r) => r.json())));
    expect(answers.filter((a) => a.assistantId).length).toBe(INBOUND_CALLER_LIMITS.perHour);
    expect(answers.filter((a) => a.error).length).toBe(8 - INBOUND_CALLER_LIMITS.perHour);
    expect(await usage(b.id)).toBe(INBOUND_CALLER_LIMITS.perHour);
  });

  it(`the caps roll: calls over an hour ago leave the hour free, ${INBOUND_CALLER_LIMITS.perDay} within the day close it`, async () => {
    const b = await liveBusiness();
    // Answered 3 times, two hours ago: free again within the hour.
    await pastCalls(b, '+13125550181', [120, 125, 130]);
    expect((await (await assistantRequest(b, '+13125550181')).json()).assistantId).toBe(b.assistantId);
    // Answered the day's number of times, each over an hour ago: declined until the day rolls.
    await pastCalls(b, '+13125550182', Array.from({ length: INBOUND_CALLER_LIMITS.perDay }, (_, i) => 70 + i * 60));
    expect(await (await assistantRequest(b, '+13125550182')).json()).toEqual({ error: expect.stringContaining('several calls from your number') });
    // …but those of yesterday do not count.
    await pastCalls(b, '+13125550183', Array.from({ length: INBOUND_CALLER_LIMITS.perDay }, (_, i) => 25 * 60 + i));
    expect((await (await assistantRequest(b, '+13125550183')).json()).assistantId).toBe(b.assistantId);
    expect(await usage(b.id)).toBe(2);
  });

  it(`a burst of ${INBOUND_CALLER_LIMITS.burstCalls} calls within ${INBOUND_CALLER_LIMITS.burstWindowMinutes} minutes raises one alarm for staff; the calls are still answered`, async () => {
    const b = await liveBusiness();
    const callers = Array.from({ length: INBOUND_CALLER_LIMITS.burstCalls + 3 }, (_, i) => `+1312556${String(1000 + i).padStart(4, '0')}`);
    const answers = [];
    for (const [i, caller] of callers.entries()) {
      answers.push(await (await assistantRequest(b, caller)).json());
      if (i === INBOUND_CALLER_LIMITS.burstCalls - 2) expect(await abuseEvents('inbound_call_burst')).toEqual([]);
    }
    expect(answers.every((a) => a.assistantId === b.assistantId)).toBe(true);
    expect(await usage(b.id)).toBe(callers.length);
    expect(await abuseEvents('inbound_call_burst')).toEqual([
      { kind: 'inbound_call_burst', phone_e164: null, details: { businessId: b.id, calls: INBOUND_CALLER_LIMITS.burstCalls, windowMinutes: INBOUND_CALLER_LIMITS.burstWindowMinutes } },
    ]);
  }, 60_000);

  it('a sandbox inbound call is answered, played and reported: the call ends completed with its transcript', async () => {
    const b = await liveBusiness();
    const res = await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: b.number, from: '+13125550142', callerName: 'Dana Reyes' } });
    expect(res.status).toBe(202);
    const placed = await res.json();
    expect(placed).toMatchObject({ answeredWith: 'assistant' });
    expect(placed.firstMessage).toContain('Thanks for calling Cool Air HVAC');
    const call = await eventually(
      async () => (await t.db.query(`SELECT * FROM calls WHERE vapi_call_id = $1`, [placed.providerCallId]))[0],
      (c) => c?.status === 'completed',
      20_000,
    );
    expect(call).toMatchObject({ business_id: b.id, direction: 'inbound', inbound_route: 'assistant', from_e164: '+13125550142' });
    expect(call.transcript[0]).toMatchObject({ speaker: 'assistant' });
    expect(call.transcript.some((turn: { text: string }) => turn.text.includes('Dana Reyes'))).toBe(true);
    expect(call.extracted_lead).toMatchObject({ name: 'Dana Reyes' });

    // Over the limit, the sandbox plays the fallback; a DNC caller hears the refusal and the call ends.
    await t.db.query(`UPDATE businesses SET calls_used_this_period = calls_included WHERE id = $1`, [b.id]);
    const fallback = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: b.number, from: '+13125550143' } })).json();
    expect(fallback).toMatchObject({ answeredWith: 'transient' });
    await t.db.query(`INSERT INTO dnc_entries (business_id, phone_e164, source, reason, created_by_kind) VALUES ($1, '+13125550144', 'business', 'no', 'system')`, [b.id]);
    const refused = await (await t.request('/v1/sandbox/inbound-calls', { method: 'POST', json: { to: b.number, from: '+13125550144' } })).json();
    expect(refused).toMatchObject({ answeredWith: 'error' });
    const refusedCall = await eventually(
      async () => (await t.db.query(`SELECT status, ended_reason FROM calls WHERE vapi_call_id = $1`, [refused.providerCallId]))[0],
      (c) => c?.status === 'failed' || c?.status === 'completed',
      20_000,
    );
    expect(refusedCall).toEqual({ status: 'failed', ended_reason: 'assistant-request-returned-error' });
    const fallbackCall = await eventually(
      async () => (await t.db.query(`SELECT status, inbound_route FROM calls WHERE vapi_call_id = $1`, [fallback.providerCallId]))[0],
      (c) => c?.status === 'completed',
      20_000,
    );
    expect(fallbackCall).toEqual({ status: 'completed', inbound_route: 'fallback' });
  }, 60_000);
});
