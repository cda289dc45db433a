import { ManualClock, resetState, startApp, TestApp } from '../harness';
import { signInAs, SignedInClient } from '../factories/auth.factory';
import { callMe, createVerifiedTrial } from '../factories/trials.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { CallEventStreams, DEFAULT_STREAM_LIMITS, DEFAULT_STREAM_TIMINGS } from '../../src/modules/calls/call-event-streams.service';
import { CallStatusSubscriptions } from '../../src/modules/calls/call-status-subscriptions';
import { CallsRepository } from '../../src/modules/calls/calls.repository';
import { RedisService } from '../../src/common/redis/redis.service';

const START = new Date('2026-03-10T15:00:00Z');

/** The live call stream's limits: caps, Redis instead of polling, and the end of the session ending it. */
describe('calls: live status streams', () => {
  jest.setTimeout(60_000);
  let t: TestApp;
  let clock: ManualClock;
  let owner: SignedInClient;
  let streams: CallEventStreams;
  const opened: AbortController[] = [];

  beforeAll(async () => {
    t = await startApp({ clockAt: START, inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '60' } });
    clock = t.clock!;
    streams = t.app.get(CallEventStreams);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    jest.restoreAllMocks();
    clock.set(START);
    await resetState(t);
    owner = await signInAs(t, 'owner@northside.test');
    streams.timings = { ...DEFAULT_STREAM_TIMINGS };
    streams.limits = { ...DEFAULT_STREAM_LIMITS };
  });
  afterEach(async () => {
    for (const abort of opened.splice(0)) abort.abort();
    await eventually(async () => streams.openCount, (n) => n === 0, 3000);
  });

  /** A call of the owner's trial that stays in progress (the sandbox has played it out; the row is put back). */
  const liveCall = async (): Promise<string> => {
    const trial = await createVerifiedTrial(t, owner);
    const placed = await (await callMe(owner, trial.id)).json();
    await eventually(
      async () => (await t.db.query(`SELECT status FROM calls WHERE id = $1`, [placed.id]))[0].status,
      (s) => s === 'completed' || s === 'failed',
      20_000,
      50,
    );
    await t.db.query(`UPDATE calls SET status = 'in_progress' WHERE id = $1`, [placed.id]);
    return placed.id as string;
  };
  /** Opens a stream and reads its first chunk (the stream is then registered). */
  const open = async (client: SignedInClient, callId: string) => {
    const abort = new AbortController();
    opened.push(abort);
    const res = await client.request(`/v1/calls/${callId}/events`, { signal: abort.signal });
    if (res.status !== 200) return { res, reader: null };
    const reader = res.body!.getReader();
    await reader.read();
    return { res, reader };
  };
  /** Reads until the server ends the stream; resolves with what it sent. */
  const drain = async (reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string> => {
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  };

  it('caps the streams of one user (429 CALLS.TOO_MANY_STREAMS) and gives the place back when one closes', async () => {
    const callId = await liveCall();
    streams.limits = { perViewer: 2, perInstance: 100 };
    const first = await open(owner, callId);
    const second = await open(owner, callId);
    expect([first.res.status, second.res.status]).toEqual([200, 200]);

    const third = await open(owner, callId);
    expect(third.res.status).toBe(429);
    expect(third.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await third.res.json()).code).toBe('CALLS.TOO_MANY_STREAMS');
    expect(streams.reservedCount).toBe(2);

    opened[0].abort();
    await eventually(async () => streams.reservedCount, (n) => n === 1, 3000);
    expect((await open(owner, callId)).res.status).toBe(200);
  });

  it('caps the streams of one instance (503 CALLS.STREAMS_FULL), whoever asks', async () => {
    const callId = await liveCall();
    streams.limits = { perViewer: 5, perInstance: 1 };
    expect((await open(owner, callId)).res.status).toBe(200);
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const refused = await open(admin, callId);
    expect(refused.res.status).toBe(503);
    expect((await refused.res.json()).code).toBe('CALLS.STREAMS_FULL');
  });

  it('does not poll Postgres while Redis carries the changes, and still delivers each change', async () => {
    const callId = await liveCall();
    streams.timings = { ...DEFAULT_STREAM_TIMINGS, recheckMs: 50 };
    const reads = jest.spyOn(t.app.get(CallsRepository), 'state');
    const { reader } = await open(owner, callId);
    await eventually(async () => t.app.get(CallStatusSubscriptions).channelCount, (n) => n === 1, 3000);
    await new Promise((resolve) => setTimeout(resolve, 600));
    // The current state, read once; twelve recheck periods went by without another read.
    expect(reads.mock.calls.filter(([id]) => id === callId)).toHaveLength(1);

    // A change written and published elsewhere reaches the stream, which ends on a terminal status.
    await t.db.query(`UPDATE calls SET status = 'completed' WHERE id = $1`, [callId]);
    await t.app.get(RedisService).client.publish(`call-status:${callId}`, JSON.stringify({ callId, status: 'completed', endedReason: 'customer-ended-call', trialId: null, businessId: null, at: START.toISOString() }));
    const text = await drain(reader!);
    expect(text).toContain('"status":"completed"');
    expect(reads.mock.calls.filter(([id]) => id === callId)).toHaveLength(1);
  });

  it('ends the stream when its session is signed out', async () => {
    const callId = await liveCall();
    streams.timings = { ...DEFAULT_STREAM_TIMINGS, heartbeatMs: 100 };
    const { reader } = await open(owner, callId);
    const signedOut = await owner.request('/v1/auth/sessions/current', { method: 'DELETE' });
    expect(signedOut.status).toBe(204);
    await drain(reader!); // resolves only once the server ended it
    await eventually(async () => streams.openCount, (n) => n === 0, 3000);
    expect(streams.reservedCount).toBe(0);
  });

  it('ends the stream when its user is suspended', async () => {
    const callId = await liveCall();
    streams.timings = { ...DEFAULT_STREAM_TIMINGS, heartbeatMs: 100 };
    const { reader } = await open(owner, callId);
    const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
    const suspended = await admin.request(`/v1/admin/users/${owner.userId}/suspension`, { method: 'POST', json: { reason: 'abuse' } });
    expect(suspended.status).toBeLessThan(300);
    await drain(reader!);
    await eventually(async () => streams.openCount, (n) => n === 0, 3000);
  });

  it('keeps streaming while the session is live (heartbeats go on)', async () => {
    const callId = await liveCall();
    streams.timings = { ...DEFAULT_STREAM_TIMINGS, heartbeatMs: 50 };
    const { reader } = await open(owner, callId);
    const decoder = new TextDecoder();
    let text = '';
    while ((text.match(/: keep-alive/g) ?? []).length < 3) {
      const { value, done } = await reader!.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect((text.match(/: keep-alive/g) ?? []).length).toBe(3);
    expect(streams.openCount).toBe(1);
  });
});
