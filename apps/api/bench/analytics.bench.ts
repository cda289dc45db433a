import { Client } from 'pg';
import { hashSecret, randomSecret } from '../src/common/crypto';
import { LatencyRound, latencyRound, prepareBenchDatabase, RoundStats, startApiProcess } from './support';

/**
 * The owner's dashboard, `GET /v1/businesses/:id/analytics` (issue 17: p95 ≤ 30 ms over a year of
 * snapshots for a business with 1,000,000 calls), for a signed-in owner: the guard, validation,
 * a year of snapshots (and the year before, for the change), and today's figures computed live
 * from the calls and leads tables.
 *
 * Seeded once per bench database (its own, `beaker_bench_analytics`) with `generate_series`: a
 * million calls over the last year, today's included, and 730 daily snapshots. Requests cycle
 * through a year by day, a year by week, the last 30 days and the last 7.
 */

export const CONNECTIONS = 10;
export const TOTAL_CALLS = 1_000_000;
const ROUND_SECONDS = 5;
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef';
/** Bumped when the seed changes: an older bench business (and its rows) is deleted. */
const BENCH_NAME = 'Analytics Bench v1';

export interface AnalyticsBenchResult {
  p95Ms: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  connections: number;
  rounds: number;
  callsOfBusiness: number;
  snapshotsOfBusiness: number;
}

async function seed(db: Client): Promise<{ businessId: string; calls: number; snapshots: number }> {
  await db.query(`DELETE FROM businesses WHERE name LIKE 'Analytics Bench %' AND name <> $1`, [BENCH_NAME]);
  let [business] = (await db.query(`SELECT id FROM businesses WHERE name = $1`, [BENCH_NAME])).rows as { id: string }[];
  if (!business) {
    [business] = (await db.query(`INSERT INTO businesses (name, plan, calls_included, timezone) VALUES ($1, 'pro', 500, 'America/Los_Angeles') RETURNING id`, [BENCH_NAME])).rows;
  }
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM calls WHERE business_id = $1`, [business.id])).rows;
  if (n < TOTAL_CALLS) {
    await db.query(`DELETE FROM calls WHERE business_id = $1`, [business.id]);
    // A year of calls, newest now: about 2,700 a day, every direction and outcome, with costs.
    await db.query(
      `INSERT INTO calls (business_id, direction, status, to_e164, created_at, updated_at, duration_seconds, cost_total, cost_breakdown)
       SELECT $1, (ARRAY['inbound', 'inbound', 'outbound_lead'])[1 + (g % 3)],
              (ARRAY['completed', 'completed', 'completed', 'failed'])[1 + (g % 4)],
              '+14155550100', now() - make_interval(secs => (g * 31.536)::double precision), now(), 30 + g % 300,
              0.1, '{"twilio": 0.04, "llm": 0.06}'::jsonb
         FROM generate_series(0, $2 - 1) AS g`,
      [business.id, TOTAL_CALLS],
    );
    await db.query(`ANALYZE calls`);
  }
  await db.query(`DELETE FROM analytics_daily_snapshots WHERE business_id = $1`, [business.id]);
  // Two years of days up to yesterday (the year asked for and the year before it).
  await db.query(
    `INSERT INTO analytics_daily_snapshots (business_id, day, time_zone, calls_inbound, calls_outbound_trial, calls_outbound_lead, calls_answered, calls_ended,
       talk_seconds, leads_captured, leads_deferred, leads_blocked, time_to_call_p50_ms, time_to_call_p90_ms, time_to_call_samples, cost_total, costs_by_provider, computed_at)
     SELECT $1, d::date, 'America/Los_Angeles', 1826, 0, 913, 2054, 2739, 452000, 40 + (g % 20), 3, 1, 18000 + g % 5000, 45000, 40, 273.9, '{"twilio": 109.56, "llm": 164.34}', now()
       FROM generate_series(1, 730) AS g, LATERAL (SELECT (now() AT TIME ZONE 'America/Los_Angeles')::date - g AS d) AS day`,
    [business.id],
  );
  await db.query(`ANALYZE analytics_daily_snapshots`);
  const [{ s }] = (await db.query(`SELECT count(*)::int AS s FROM analytics_daily_snapshots WHERE business_id = $1`, [business.id])).rows;
  const [{ c }] = (await db.query(`SELECT count(*)::int AS c FROM calls WHERE business_id = $1`, [business.id])).rows;
  return { businessId: business.id, calls: c, snapshots: s };
}

async function signIn(db: Client, businessId: string): Promise<string> {
  const [user] = (await db.query(`INSERT INTO users (email) VALUES ($1) RETURNING id`, [`bench-analytics-${randomSecret(6).toLowerCase()}@example.com`])).rows;
  await db.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $2, 'owner')`, [businessId, user.id]);
  const token = randomSecret(32);
  await db.query(`INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at) VALUES ($1, $2, now() + interval '7 days', now())`, [user.id, hashSecret(token)]);
  return `beaker_session=${token}`;
}

/** Today in Los Angeles, and n days before it, as YYYY-MM-DD. */
function laDay(daysBack: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - daysBack);
  return d.toISOString().slice(0, 10);
}

function round(url: string, businessId: string, cookie: string, seconds: number): Promise<LatencyRound> {
  const base = `/v1/businesses/${businessId}/analytics`;
  const today = laDay(0);
  const paths = [
    `${base}?from=${laDay(364)}&to=${today}`,
    `${base}?from=${laDay(364)}&to=${today}&interval=week`,
    `${base}?from=${laDay(29)}&to=${today}`,
    `${base}?from=${laDay(6)}&to=${today}`,
  ];
  return latencyRound(url, paths.map((path) => ({ method: 'GET', path, headers: { cookie } })), CONNECTIONS, seconds);
}

export async function runAnalyticsBench(rounds = 3): Promise<AnalyticsBenchResult> {
  const databaseUrl = await prepareBenchDatabase('beaker_bench_analytics');
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let seeded: { businessId: string; calls: number; snapshots: number };
  let cookie: string;
  try {
    seeded = await seed(db);
    cookie = await signIn(db, seeded.businessId);
  } finally {
    await db.end();
  }
  const api = await startApiProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15', SESSION_SECRET });
  try {
    const warm = await round(api.url, seeded.businessId, cookie, 2);
    if (warm.failures > 0) throw new Error(`the analytics route failed ${warm.failures} requests during warm-up`);
    const stats = new RoundStats();
    for (let i = 0; i < rounds; i++) {
      const r = await round(api.url, seeded.businessId, cookie, ROUND_SECONDS);
      if (r.failures > 0) throw new Error(`the analytics route failed ${r.failures} requests`);
      stats.add(r);
    }
    return { ...stats.summary(), connections: CONNECTIONS, rounds, callsOfBusiness: seeded.calls, snapshotsOfBusiness: seeded.snapshots };
  } finally {
    await api.stop();
  }
}

if (require.main === module) {
  void runAnalyticsBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
