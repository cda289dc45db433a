import { createBusiness, signInAs, type SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

/** 10 March 2026, 13:00 in Los Angeles (PDT from the 8th: UTC−7). */
const NOW = new Date('2026-03-10T20:00:00Z');

/** GET /v1/businesses/:id/analytics: tiles against the previous period, series by day and week, today live. */
describe('the owner dashboard: GET /v1/businesses/:id/analytics', () => {
  let t: TestApp;
  let owner: SignedInClient;
  let businessId: string;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOW });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOW);
    await resetState(t);
    owner = await signInAs(t, 'owner@pacific.test');
    businessId = await createBusiness(t, { name: 'Pacific Plumbing', ownerId: owner.userId });
    await t.db.query(`UPDATE businesses SET timezone = 'America/Los_Angeles' WHERE id = $1`, [businessId]);
  });

  const snapshot = (day: string, f: { calls: number; answered: number; ended: number; talk: number; leads: number; p50: number | null; samples: number }) =>
    t.db.query(
      `INSERT INTO analytics_daily_snapshots (business_id, day, time_zone, calls_inbound, calls_outbound_trial, calls_outbound_lead, calls_answered, calls_ended,
         talk_seconds, leads_captured, leads_deferred, leads_blocked, time_to_call_p50_ms, time_to_call_p90_ms, time_to_call_samples, cost_total, computed_at)
       VALUES ($1, $2, 'America/Los_Angeles', $3, 0, 0, $4, $5, $6, $7, 0, 0, $8, $8, $9, 0, now())`,
      [businessId, day, f.calls, f.answered, f.ended, f.talk, f.leads, f.p50, f.samples],
    );

  async function fixture(): Promise<void> {
    // This period's past days, 4–9 March: 2 calls (1 answered), 5 minutes, 1 lead called after 20 s, each day.
    for (const day of ['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']) {
      await snapshot(day, { calls: 2, answered: 1, ended: 2, talk: 300, leads: 1, p50: 20_000, samples: 1 });
    }
    // The previous period (25 Feb – 3 Mar): one day.
    await snapshot('2026-03-01', { calls: 10, answered: 5, ended: 10, talk: 600, leads: 4, p50: 10_000, samples: 2 });
    // A stale row for today must not be read: today comes live.
    await snapshot('2026-03-10', { calls: 99, answered: 0, ended: 0, talk: 0, leads: 0, p50: null, samples: 0 });
    // Today, live: one answered 2-minute call at 11:00 local.
    await t.db.query(
      `INSERT INTO calls (business_id, direction, status, to_e164, duration_seconds, created_at, updated_at) VALUES ($1, 'inbound', 'completed', '+14155550123', 120, $2, $2)`,
      [businessId, '2026-03-10T18:00:00Z'],
    );
  }

  it('answers tiles against the previous period and a point per local day, today computed live', async () => {
    await fixture();
    const res = await owner.request(`/v1/businesses/${businessId}/analytics?from=2026-03-04&to=2026-03-10`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ businessId, timeZone: 'America/Los_Angeles', from: '2026-03-04', to: '2026-03-10', interval: 'day' });
    expect(body.tiles).toEqual({
      calls: { value: 13, previous: 10, change: 0.3 },
      leads: { value: 6, previous: 4, change: 0.5 },
      answeredRate: { value: 0.5385, previous: 0.5, change: 0.0769 },
      minutes: { value: 32, previous: 10, change: 2.2 },
      timeToCall: { value: 20, previous: 10, change: 1 },
    });
    expect(body.series.map((p: { start: string; calls: number; minutes: number }) => [p.start, p.calls, p.minutes])).toEqual([
      ['2026-03-04', 2, 5],
      ['2026-03-05', 2, 5],
      ['2026-03-06', 2, 5],
      ['2026-03-07', 2, 5],
      ['2026-03-08', 2, 5],
      ['2026-03-09', 2, 5],
      ['2026-03-10', 1, 2],
    ]);
  });

  it('groups by ISO week (Monday first), a partial week holding only its days in range', async () => {
    await fixture();
    const body = await (await owner.request(`/v1/businesses/${businessId}/analytics?from=2026-03-04&to=2026-03-10&interval=week`)).json();
    expect(body.series.map((p: { start: string; calls: number; answered: number; leads: number }) => [p.start, p.calls, p.answered, p.leads])).toEqual([
      ['2026-03-02', 10, 5, 5],
      ['2026-03-09', 3, 2, 1],
    ]);
  });

  it('a period with nothing before it has no change to show', async () => {
    await fixture();
    const body = await (await owner.request(`/v1/businesses/${businessId}/analytics?from=2026-03-09&to=2026-03-09`)).json();
    expect(body.tiles.calls).toEqual({ value: 2, previous: 2, change: 0 });
    const empty = await (await owner.request(`/v1/businesses/${businessId}/analytics?from=2026-01-01&to=2026-01-31`)).json();
    expect(empty.tiles.answeredRate).toEqual({ value: null, previous: null, change: null });
    expect(empty.tiles.calls).toEqual({ value: 0, previous: 0, change: null });
  });

  it("refuses bad ranges with 400 VALIDATION.FAILED, and another person's business with 404", async () => {
    for (const query of ['from=2026-03-10&to=2026-03-01', 'from=2026-03-01', 'from=2026-02-30&to=2026-03-01', 'from=2025-01-01&to=2026-03-01', 'from=2026-03-01&to=2026-03-02&interval=month']) {
      const res = await owner.request(`/v1/businesses/${businessId}/analytics?${query}`);
      expect({ query, status: res.status, code: (await res.json()).code }).toEqual({ query, status: 400, code: 'VALIDATION.FAILED' });
    }
    const stranger = await signInAs(t, 'stranger@elsewhere.test');
    expect((await stranger.request(`/v1/businesses/${businessId}/analytics?from=2026-03-01&to=2026-03-02`)).status).toBe(404);
    expect((await t.request(`/v1/businesses/${businessId}/analytics?from=2026-03-01&to=2026-03-02`)).status).toBe(401);
  });
});
