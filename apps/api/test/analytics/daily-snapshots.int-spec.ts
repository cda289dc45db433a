import { Database } from '../../src/database/database';
import { CallsService } from '../../src/modules/calls';
import { DailySnapshots } from '../../src/modules/analytics';
import { ServiceContext, serviceContext } from '../services/service-context';

/**
 * Daily snapshots against hand-computed fixtures: a business west of UTC whose calls straddle UTC
 * midnight, a day clocks spring forward, a report that comes after the day was snapshotted.
 */
describe('Daily analytics snapshots', () => {
  let ctx: ServiceContext;
  let snapshots: DailySnapshots;

  beforeAll(async () => {
    ctx = await serviceContext(new Date('2026-03-03T08:15:00Z'));
    snapshots = ctx.get(DailySnapshots);
  });
  afterAll(async () => ctx.close());
  beforeEach(async () => ctx.reset());

  const business = async (name: string, timezone: string | null): Promise<string> =>
    (await ctx.db.query(`INSERT INTO businesses (name, plan, calls_included, timezone) VALUES ($1, 'starter', 100, $2) RETURNING id`, [name, timezone]))[0].id;

  interface CallFixture {
    direction: 'inbound' | 'outbound_lead';
    status: 'in_progress' | 'completed' | 'failed';
    at: string;
    seconds?: number;
    cost?: number;
    breakdown?: Record<string, number>;
  }
  const call = async (businessId: string, c: CallFixture): Promise<string> =>
    (
      await ctx.db.query(
        `INSERT INTO calls (business_id, direction, status, to_e164, duration_seconds, cost_total, cost_breakdown, created_at, updated_at)
         VALUES ($1, $2, $3, '+14155550123', $4, $5, $6, $7, $7) RETURNING id`,
        [businessId, c.direction, c.status, c.seconds ?? null, c.cost ?? null, c.breakdown ? JSON.stringify(c.breakdown) : null, c.at],
      )
    )[0].id;

  const lead = async (businessId: string, at: string, firstCallAfterMs: number | null): Promise<string> =>
    (
      await ctx.db.query(
        `INSERT INTO leads (business_id, source, phone_e164, status, auto_call, last_submission_at, created_at, updated_at, first_attempt_at)
         VALUES ($1, 'api', '+14155550199', 'new', true, $2, $2, $2, $3) RETURNING id`,
        [businessId, at, firstCallAfterMs === null ? null : new Date(new Date(at).getTime() + firstCallAfterMs)],
      )
    )[0].id;

  const leadEvent = (leadId: string, status: 'deferred' | 'blocked', reason: string, at: string) =>
    ctx.db.query(`INSERT INTO lead_events (lead_id, kind, status, reason, at) VALUES ($1, 'status', $2, $3, $4)`, [leadId, status, reason, at]);

  const stored = async (businessId: string, day: string) =>
    (await ctx.db.query(`SELECT * FROM analytics_daily_snapshots WHERE business_id = $1 AND day = $2`, [businessId, day]))[0];

  /** Los Angeles, 2 March 2026 (PST, UTC−8): the local day is 08:00Z on the 2nd to 08:00Z on the 3rd. */
  async function westCoastFixture(): Promise<{ la: string; lateCall: string }> {
    const la = await business('Pacific Plumbing', 'America/Los_Angeles');
    await call(la, { direction: 'inbound', status: 'completed', at: '2026-03-02T07:30:00Z', seconds: 999, cost: 9 }); // 1 Mar 23:30 local: the day before
    await call(la, { direction: 'inbound', status: 'completed', at: '2026-03-02T09:00:00Z', seconds: 120, cost: 0.2, breakdown: { twilio: 0.05, llm: 0.15 } });
    await call(la, { direction: 'outbound_lead', status: 'completed', at: '2026-03-03T02:00:00Z', seconds: 60, cost: 0.1, breakdown: { twilio: 0.04, llm: 0.06 } }); // the 3rd in UTC, the 2nd here
    const lateCall = await call(la, { direction: 'outbound_lead', status: 'in_progress', at: '2026-03-03T07:59:00Z' }); // 23:59 local
    await call(la, { direction: 'inbound', status: 'completed', at: '2026-03-03T08:00:00Z', seconds: 30 }); // local midnight: the 3rd

    const l1 = await lead(la, '2026-03-02T10:00:00Z', 30_000);
    await lead(la, '2026-03-03T01:00:00Z', 10_000);
    await lead(la, '2026-03-03T03:00:00Z', 50_000);
    const blocked = await lead(la, '2026-03-02T12:00:00Z', null);
    const deferred = await lead(la, '2026-03-03T05:59:00Z', null);
    await lead(la, '2026-03-03T09:00:00Z', 5_000); // the 3rd
    await leadEvent(blocked, 'blocked', 'dnc', '2026-03-02T12:00:01Z');
    await leadEvent(deferred, 'deferred', 'quiet_hours', '2026-03-03T06:00:00Z');
    await leadEvent(l1, 'deferred', 'no_answer', '2026-03-02T10:05:00Z'); // a retry, not a deferral
    return { la, lateCall };
  }

  it("counts a west-coast business's local day, not the UTC one: calls and leads either side of UTC midnight", async () => {
    const { la } = await westCoastFixture();
    const day = await snapshots.computeBusinessDay(la, '2026-03-02');

    expect(day).toMatchObject({
      timeZone: 'America/Los_Angeles',
      callsInbound: 1,
      callsOutboundTrial: 0,
      callsOutboundLead: 2,
      callsAnswered: 2,
      callsEnded: 2,
      talkSeconds: 180,
      leadsCaptured: 5,
      leadsDeferred: 1,
      leadsBlocked: 1,
      // 10 s, 30 s, 50 s: the median 30 s; p90 interpolates 80 % of the way from 30 s to 50 s.
      timeToCallP50Ms: 30_000,
      timeToCallP90Ms: 46_000,
      timeToCallSamples: 3,
      costTotal: '0.3000',
      costsByProvider: { llm: 0.21, twilio: 0.09 },
    });
    const row = await stored(la, '2026-03-02');
    expect({ inbound: row.calls_inbound, lead: row.calls_outbound_lead, talk: row.talk_seconds, cost: row.cost_total }).toEqual({ inbound: 1, lead: 2, talk: '180', cost: '0.3000' });

    // Re-running replaces the day: one row, same figures.
    await snapshots.computeBusinessDay(la, '2026-03-02');
    expect((await ctx.db.query(`SELECT count(*)::int AS n FROM analytics_daily_snapshots WHERE business_id = $1 AND day = '2026-03-02'`, [la]))[0].n).toBe(1);
  });

  it('the day clocks spring forward is 23 hours long in New York', async () => {
    const ny = await business('Empire Gym', 'America/New_York');
    await call(ny, { direction: 'inbound', status: 'completed', at: '2026-03-08T04:30:00Z', seconds: 1 }); // 7 Mar 23:30 EST
    await call(ny, { direction: 'inbound', status: 'completed', at: '2026-03-08T05:00:00Z', seconds: 10 }); // 8 Mar 00:00 EST
    await call(ny, { direction: 'inbound', status: 'completed', at: '2026-03-09T03:30:00Z', seconds: 20 }); // 8 Mar 23:30 EDT
    await call(ny, { direction: 'inbound', status: 'completed', at: '2026-03-09T04:10:00Z', seconds: 40 }); // 9 Mar 00:10 EDT (inside a naive 24 h day)

    expect(await snapshots.computeBusinessDay(ny, '2026-03-08')).toMatchObject({ callsInbound: 2, talkSeconds: 30, timeZone: 'America/New_York' });
    expect(await snapshots.computeBusinessDay(ny, '2026-03-09')).toMatchObject({ callsInbound: 1, talkSeconds: 40 });
  });

  it('snapshots the days that ended in each zone, and a report that comes late corrects its day at the next run', async () => {
    const { la, lateCall } = await westCoastFixture();
    const utc = await business('No Zone Dental', null);
    await call(utc, { direction: 'outbound_lead', status: 'completed', at: '2026-03-02T12:00:00Z', seconds: 45 });

    // 08:15Z on the 3rd: the 2nd has just ended in Los Angeles; the last three local days of both businesses are computed.
    const first = await snapshots.snapshotDue();
    expect(first).toEqual({ businessDays: 6, globalDays: 3 });
    expect(await stored(la, '2026-03-02')).toMatchObject({ calls_answered: 2, calls_ended: 2, talk_seconds: '180' });
    expect(await stored(la, '2026-03-03')).toBeUndefined(); // today: not over yet
    const global = (await ctx.db.query(`SELECT * FROM analytics_daily_snapshots WHERE business_id IS NULL AND day = '2026-03-02'`))[0];
    // The global day is UTC's: 07:30Z and 09:00Z inbound, 12:00Z outbound (the 02:00Z and 07:59Z calls are the 3rd's).
    expect({ inbound: global.calls_inbound, lead: global.calls_outbound_lead, talk: global.talk_seconds }).toEqual({ inbound: 2, lead: 1, talk: String(999 + 120 + 45) });

    // Nothing changed: nothing is recomputed.
    ctx.clock.set(new Date('2026-03-03T08:30:00Z'));
    expect(await snapshots.snapshotDue()).toEqual({ businessDays: 0, globalDays: 3 });

    // The 23:59 call's report comes at 09:00Z on the 3rd: 90 s, answered.
    ctx.clock.set(new Date('2026-03-03T09:00:00Z'));
    const calls = ctx.get(CallsService);
    await ctx.get(Database).transaction(async (tx) =>
      calls.finish(tx, (await calls.lockCall(tx, { callId: lateCall }))!, {
        status: 'completed',
        endedReason: 'customer-ended-call',
        transcript: null,
        recordingUrl: null,
        summary: null,
        extractedLead: null,
        durationSeconds: 90,
        costTotal: 0.05,
        costBreakdown: { twilio: 0.05 },
        startedAt: null,
        endedAt: null,
      }),
    );
    ctx.clock.set(new Date('2026-03-03T09:15:00Z'));
    expect(await snapshots.snapshotDue()).toEqual({ businessDays: 1, globalDays: 3 });
    const corrected = await stored(la, '2026-03-02');
    expect({ answered: corrected.calls_answered, ended: corrected.calls_ended, talk: corrected.talk_seconds, cost: corrected.cost_total, byProvider: corrected.costs_by_provider }).toEqual({
      answered: 3,
      ended: 3,
      talk: '270',
      cost: '0.3500',
      byProvider: { llm: 0.21, twilio: 0.14 },
    });
  });
});
