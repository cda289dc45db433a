import type { CallReport, CallStatusEvent } from '@beaker/contracts';
import { ManualClock, resetState, startApp, TestApp } from '../harness';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { callMe, createTrial, createVerifiedTrial } from '../factories/trials.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { Metrics } from '../../src/common/observability/metrics';
import { ProviderCircuitOpenError } from '../../src/integrations/providers.errors';
import { VapiSandbox } from '../../src/integrations/sandbox/vapi/vapi.sandbox';
import { CallStatusSubscriptions } from '../../src/modules/calls/call-status-subscriptions';
import { CallEventStreams } from '../../src/modules/calls/call-event-streams.service';

const START = new Date('2026-03-10T15:00:00Z');
const UA = 'Mozilla/5.0 (trial test)';

/** "Call me now", end to end against the sandbox (calls ring, talk and report through signed webhooks). */
describe('trials: calls', () => {
  // Each call plays its whole sandbox lifecycle through real webhooks and the job queue.
  jest.setTimeout(60_000);
  let t: TestApp;
  let clock: ManualClock;
  let owner: SignedInClient;

  beforeAll(async () => {
    t = await startApp({ clockAt: START, inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '60' } });
    clock = t.clock!;
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    jest.restoreAllMocks();
    clock.set(START);
    await resetState(t);
    owner = await signInAs(t, 'owner@northside.test');
  });

  const report = async (client: SignedInClient, callId: string): Promise<CallReport> => (await client.request(`/v1/calls/${callId}`)).json();
  const ended = async (client: SignedInClient, callId: string): Promise<CallReport> => {
    const last = await eventually(
      () => report(client, callId),
      (r) => (r.status === 'completed' || r.status === 'failed') && (r.status === 'failed' || r.transcript.length > 0),
      20_000,
      50,
    );
    if (last.status !== 'completed' && last.status !== 'failed') throw new Error(`call ${callId} still ${last.status} after 20 s`);
    return last;
  };
  const trialRow = async (id: string) => (await t.db.query(`SELECT calls_used, status FROM trials WHERE id = $1`, [id]))[0];
  const callCount = async (trialId: string): Promise<number> => (await t.db.query(`SELECT count(*)::int AS n FROM calls WHERE trial_id = $1`, [trialId]))[0].n;
  const placedWithProvider = (trialId: string): number =>
    // Every call the sandbox accepted carries our ids in its metadata.
    placeCallSpy.mock.calls.filter(([req]) => req.metadata.trialId === trialId).length;
  let placeCallSpy: jest.SpyInstance<ReturnType<VapiSandbox['placeCall']>, Parameters<VapiSandbox['placeCall']>>;
  beforeEach(() => {
    placeCallSpy = jest.spyOn(t.app.get(VapiSandbox), 'placeCall');
  });

  it('refuses to call an unverified phone (TRIALS.PHONE_NOT_VERIFIED)', async () => {
    const trial = await createTrial(owner);
    const res = await callMe(owner, trial.id);
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('TRIALS.PHONE_NOT_VERIFIED');
    expect(await trialRow(trial.id)).toEqual({ calls_used: 0, status: 'pending' });
    expect(placeCallSpy).not.toHaveBeenCalled();
  });

  it('refuses once the 48 hours are over (TRIALS.EXPIRED), before and after the expiry job', async () => {
    const trial = await createVerifiedTrial(t, owner);
    clock.advance(48 * 3600_000 - 1000);
    const lastSecond = await callMe(owner, trial.id);
    expect(lastSecond.status).toBe(202);
    await ended(owner, (await lastSecond.json()).id);

    clock.advance(1000);
    const late = await callMe(owner, trial.id);
    expect(late.status).toBe(409);
    expect((await late.json()).code).toBe('TRIALS.EXPIRED');
    expect((await trialRow(trial.id)).calls_used).toBe(1);
  });

  it('calls the verified phone, records the click as consent, and reports the call', async () => {
    const trial = await createVerifiedTrial(t, owner, { industry: 'hvac', scenario: 'lead_intake', businessName: 'Cool Air HVAC' });
    const trialCallsPlaced = async () =>
      Number(/calls_placed_total\{[^}]*purpose="trial"[^}]*\} (\d+)/.exec(await t.app.get(Metrics).registry.getSingleMetricAsString('calls_placed_total'))?.[1] ?? 0);
    const placedBefore = await trialCallsPlaced();
    const res = await callMe(owner, trial.id);
    expect(res.status).toBe(202);
    const placed: CallReport = await res.json();
    expect(placed).toMatchObject({ status: 'initiated', direction: 'outbound_trial', to: trial.phone, trialId: trial.id, businessId: null, transcript: [] });
    expect(placeCallSpy).toHaveBeenCalledWith(expect.objectContaining({ to: trial.phone, metadata: expect.objectContaining({ callId: placed.id, trialId: trial.id }) }));
    expect(await trialCallsPlaced()).toBe(placedBefore + 1);

    const [consent] = await t.db.query(`SELECT method, purpose, trial_id, ip, user_agent, consent_text FROM consent_records WHERE phone_e164 = $1`, [trial.phone]);
    expect(consent).toMatchObject({ method: 'verbal_trial', purpose: 'trial_demo', trial_id: trial.id, ip: '127.0.0.1', user_agent: expect.any(String) });
    expect(consent.consent_text).toMatch(/Call me now/);
    const [decision] = await t.db.query(`SELECT decision, call_id, outcome FROM compliance_decisions WHERE trial_id = $1`, [trial.id]);
    expect(decision).toEqual({ decision: 'allow', call_id: placed.id, outcome: 'call_placed' });

    const done = await ended(owner, placed.id);
    expect(done).toMatchObject({ status: 'completed', endedReason: 'customer-ended-call', lead: { phone: trial.phone, intent: expect.any(String), urgency: 'high' } });
    expect(done.transcript[0]).toMatchObject({ speaker: 'assistant', text: expect.stringContaining('Cool Air HVAC') });
    expect(done.transcript.some((turn) => turn.speaker === 'caller')).toBe(true);
    expect(done.durationSeconds).toBeGreaterThan(0);
    expect(done.summary).toContain('Cool Air HVAC');
    // A sentence a person would write, with the number as people write it.
    expect(done.summary).toMatch(/^[A-Z][^+]*\.$/);
    expect(done.summary).not.toMatch(/\+1\d{10}/);
    // The agent placed this call: it never thanks the prospect "for calling".
    expect(done.transcript.some((turn) => turn.speaker === 'assistant' && /thank(s| you) for calling/i.test(turn.text))).toBe(false);
    // Costs: the prospect sees the total; the cost per provider is staff's.
    expect(done.cost.total).toBeGreaterThan(0);
    expect(done.cost.byProvider).toEqual({});
    const staff = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const forStaff = await report(staff, placed.id);
    expect(Object.keys(forStaff.cost.byProvider).length).toBeGreaterThan(0);

    const recording = await fetch(done.recordingUrl!);
    expect(recording.status).toBe(200);
    expect(recording.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await recording.arrayBuffer());
    expect(wav.subarray(0, 4).toString('ascii')).toBe('RIFF');
    // The recording is as long as the reported duration, and the last turn is spoken within it.
    const recordedSeconds = wav.readUInt32LE(40) / 2 / wav.readUInt32LE(24);
    expect(Math.abs(recordedSeconds - done.durationSeconds!)).toBeLessThanOrEqual(1);
    expect(done.transcript[done.transcript.length - 1].at).toBeLessThan(recordedSeconds);

    const after = await (await owner.request(`/v1/trials/${trial.id}`)).json();
    expect(after).toMatchObject({ callsUsed: 1, latestCallId: placed.id });
  });

  it('20 concurrent "Call me" on a fresh trial place exactly one call; with calls ending in between, exactly 3 in all', async () => {
    const trial = await createVerifiedTrial(t, owner);
    const placedIds: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => callMe(owner, trial.id)));
      const bodies = await Promise.all(answers.map((r) => r.json()));
      const accepted = answers.filter((r) => r.status === 202);
      expect(accepted).toHaveLength(1);
      expect(answers.filter((r) => r.status === 409)).toHaveLength(19);
      const codes = new Set(bodies.filter((b) => b.code).map((b) => b.code));
      // The click that used the last call leaves the others with both reasons; the limit is named first.
      if (round < 3) expect(codes).toEqual(new Set(['TRIALS.CALL_IN_PROGRESS']));
      else expect([...codes].every((c) => c === 'TRIALS.CALL_IN_PROGRESS' || c === 'TRIALS.CALL_LIMIT_REACHED')).toBe(true);
      const placed = bodies.find((b) => !b.code);
      placedIds.push(placed.id);
      expect((await trialRow(trial.id)).calls_used).toBe(round);
      await ended(owner, placed.id);
    }
    const last = await Promise.all(Array.from({ length: 20 }, () => callMe(owner, trial.id).then((r) => r.json())));
    expect(new Set(last.map((b) => b.code))).toEqual(new Set(['TRIALS.CALL_LIMIT_REACHED']));
    expect(await trialRow(trial.id)).toEqual({ calls_used: 3, status: 'active' });
    expect(await callCount(trial.id)).toBe(3);
    expect(placedWithProvider(trial.id)).toBe(3);
    expect(new Set(placedIds).size).toBe(3);
  });

  it('never counts past the limit: 20 concurrent clicks on the last call place one; the database refuses a 4th', async () => {
    const trial = await createVerifiedTrial(t, owner);
    await t.db.query(`UPDATE trials SET calls_used = 2 WHERE id = $1`, [trial.id]);
    const answers = await Promise.all(Array.from({ length: 20 }, () => callMe(owner, trial.id)));
    expect(answers.filter((r) => r.status === 202)).toHaveLength(1);
    const codes = new Set((await Promise.all(answers.filter((r) => r.status !== 202).map((r) => r.json()))).map((b) => b.code));
    expect([...codes].every((c) => c === 'TRIALS.CALL_IN_PROGRESS' || c === 'TRIALS.CALL_LIMIT_REACHED')).toBe(true);
    expect((await trialRow(trial.id)).calls_used).toBe(3);
    expect(await callCount(trial.id)).toBe(1);
    // The last line: the CHECK constraint.
    await expect(t.db.query(`UPDATE trials SET calls_used = calls_used + 1 WHERE id = $1`, [trial.id])).rejects.toThrow(/chk_calls_within_limit/);
  });

  it('asks compliance first: a number on the do-not-call list is not called and the call is not counted', async () => {
    const trial = await createVerifiedTrial(t, owner);
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    expect((await admin.request('/v1/admin/dnc', { method: 'POST', json: { phone: trial.phone, reason: 'Asked not to be called' } })).status).toBe(201);
    const res = await callMe(owner, trial.id);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'TRIALS.NUMBER_BLOCKED', reasons: [expect.objectContaining({ rule: 'dnc.beaker' })] });
    expect((await trialRow(trial.id)).calls_used).toBe(0);
    expect(await callCount(trial.id)).toBe(0);
    expect(placeCallSpy).not.toHaveBeenCalled();
    const [decision] = await t.db.query(`SELECT decision, call_id FROM compliance_decisions WHERE trial_id = $1`, [trial.id]);
    expect(decision).toEqual({ decision: 'block', call_id: null });
  });

  it('gives the call back when the provider is down (503 PROVIDERS.UNAVAILABLE), and the next click works', async () => {
    const trial = await createVerifiedTrial(t, owner);
    placeCallSpy.mockRejectedValueOnce(new ProviderCircuitOpenError('vapi', 'vapi:place_call', 30_000));
    const res = await callMe(owner, trial.id);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'PROVIDERS.UNAVAILABLE', retryAfterSeconds: 30 });
    const [failed] = await t.db.query(`SELECT id, status, ended_reason FROM calls WHERE trial_id = $1`, [trial.id]);
    expect(failed).toMatchObject({ status: 'failed', ended_reason: 'beaker-provider-unavailable' });
    expect((await trialRow(trial.id)).calls_used).toBe(0);

    const retry = await callMe(owner, trial.id);
    expect(retry.status).toBe(202);
    expect((await trialRow(trial.id)).calls_used).toBe(1);
  });

  it("shows a call's report only to the trial's owner (and staff)", async () => {
    const trial = await createVerifiedTrial(t, owner);
    const placed = await (await callMe(owner, trial.id)).json();
    const stranger = await signInAs(t, 'stranger@example.com');
    expect((await stranger.request(`/v1/calls/${placed.id}`)).status).toBe(404);
    expect((await stranger.request(`/v1/calls/${placed.id}/events`)).status).toBe(404);
    expect((await stranger.request(`/v1/calls/not-a-uuid`)).status).toBe(404);
    expect((await t.request(`/v1/calls/${placed.id}`)).status).toBe(401);
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    expect((await admin.request(`/v1/calls/${placed.id}`)).status).toBe(200);
    await ended(owner, placed.id);
  });

  it('streams the status changes as Server-Sent Events, from the current state to the end, then closes', async () => {
    const trial = await createVerifiedTrial(t, owner);
    const placed = await (await callMe(owner, trial.id)).json();
    const res = await owner.request(`/v1/calls/${placed.id}/events`, { headers: { accept: 'text/event-stream', 'user-agent': UA } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const events = await readEvents(res);
    const statuses = events.map((e) => e.status);
    expect(statuses[statuses.length - 1]).toBe('completed');
    expect(statuses).toContain('in_progress');
    // Only forward, never twice.
    const order = ['initiated', 'ringing', 'in_progress', 'completed'];
    expect(statuses.map((s) => order.indexOf(s))).toEqual([...statuses.map((s) => order.indexOf(s))].sort((a, b) => a - b));
    expect(new Set(statuses).size).toBe(statuses.length);
    await eventually(async () => t.app.get(CallStatusSubscriptions).channelCount, (n) => n === 0, 3000);
    expect(t.app.get(CallEventStreams).openCount).toBe(0);
  });

  it('sends the final state at once for an ended call, and cleans up when the client goes away', async () => {
    const trial = await createVerifiedTrial(t, owner);
    const placed = await (await callMe(owner, trial.id)).json();
    await ended(owner, placed.id);
    const events = await readEvents(await owner.request(`/v1/calls/${placed.id}/events`));
    expect(events.map((e) => e.status)).toEqual(['completed']);

    // A live call whose viewer leaves: the subscription goes with them.
    await t.db.query(`UPDATE calls SET status = 'in_progress' WHERE id = $1`, [placed.id]);
    const abort = new AbortController();
    const res = await owner.request(`/v1/calls/${placed.id}/events`, { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    await eventually(async () => t.app.get(CallEventStreams).openCount, (n) => n === 1, 3000);
    abort.abort();
    await eventually(async () => t.app.get(CallEventStreams).openCount, (n) => n === 0, 3000);
    expect(t.app.get(CallEventStreams).openCount).toBe(0);
    await eventually(async () => t.app.get(CallStatusSubscriptions).channelCount, (n) => n === 0, 3000);
    expect(t.app.get(CallStatusSubscriptions).channelCount).toBe(0);
  });
});

/** Reads a whole event stream (until the server closes it) into its `status` events. */
async function readEvents(res: Response | { body: ReadableStream<Uint8Array> | null }): Promise<CallStatusEvent[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return text
    .split('\n\n')
    .filter((block) => block.includes('event: status'))
    .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as CallStatusEvent);
}
