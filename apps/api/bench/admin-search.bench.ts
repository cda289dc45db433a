import { Client } from 'pg';
import { hashSecret, randomSecret } from '../src/common/crypto';
import { latencyRound, prepareBenchDatabase, RoundStats, startApiProcess } from './support';

/**
 * Staff search, `GET /v1/admin/search?q=` (issue 16: p95 ≤ 50 ms with 1,000,000 calls and 100,000
 * users), for a signed-in admin: the global guard, validation, and the six modules' searches in
 * parallel, each a few index probes.
 *
 * Seeded once per bench database (one `INSERT … SELECT generate_series` per table): 100,000 users,
 * 10,000 businesses with Stripe ids and a number each, 50,000 trials, 1,000,000 calls with Vapi
 * and Twilio ids, 200,000 leads and 200,000 webhook events. Requests cycle through every kind of
 * query staff type (an email whole, its start, a part of it; a business name and part of one;
 * Stripe ids; a call's id, Vapi id, Twilio sid; a phone in three formats; a provider event id;
 * a lead's email). The p95 is computed from every response; the figure is the median over rounds.
 *
 * Sequential scans are counted too (pg_stat_user_tables.seq_scan during the rounds): on the big
 * tables there must be none. A signed-in GET /v1/me is measured in the same rounds, to tell a
 * slow search from a loaded machine.
 */

export const CONNECTIONS = 10;
export const USERS = 100_000;
export const CALLS = 1_000_000;
const BUSINESSES = 10_000;
const TRIALS = 50_000;
const LEADS = 200_000;
const EVENTS = 200_000;
const ROUND_SECONDS = 5;
/** Bumped when the seed changes: the previous seed is deleted first. */
const SEED = 'search-bench-v2';
const BIG_TABLES = ['users', 'calls', 'leads', 'webhook_events', 'trials'];

export interface AdminSearchBenchResult {
  p95Ms: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Signed-in GET /v1/me p95 in the same rounds: how loaded the machine was. */
  baselineP95Ms: number;
  /** p95 with one connection (requests one after another). */
  singleConnectionP95Ms: number;
  connections: number;
  rounds: number;
  usersInTable: number;
  callsInTable: number;
  /** Sequential scans started on each big table during the measured rounds. */
  seqScans: Record<string, number>;
  queries: number;
}

// People's names, as emails are made of them (a shared `user` prefix on every row would make any
// part-of-email search match them all, which no real user table does).
const FIRST_NAMES = `ARRAY['maria', 'james', 'dana', 'robert', 'linda', 'michael', 'susan', 'david', 'karen', 'carlos', 'nancy', 'daniel', 'lisa', 'paul', 'betty', 'mark', 'sandra', 'steven', 'ashley', 'kevin', 'donna', 'brian', 'emily', 'george', 'michelle', 'edward', 'carol', 'ronald', 'amanda', 'anthony', 'melissa', 'jason', 'deborah', 'ryan', 'laura', 'jacob', 'rebecca', 'gary', 'sharon', 'nicholas']`;
const LAST_NAMES = `ARRAY['garcia', 'smith', 'johnson', 'williams', 'brown', 'jones', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'torres', 'nguyen', 'hill', 'flores']`;

/** Deterministic keys of the seeded row number g (the same in SQL and here). */
const uuidOf = (prefix: string, g: number) => `${prefix}${g.toString(16).padStart(12, '0')}`;

async function seed(db: Client): Promise<{ users: number; calls: number }> {
  const [marker] = (await db.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE $1`, [`%@${SEED}-%`])).rows;
  if (marker.n < USERS) {
    // Older seeds go with their businesses (calls, leads, numbers cascade) and users (trials cascade).
    await db.query(`DELETE FROM calls WHERE business_id IN (SELECT id FROM businesses WHERE name LIKE 'Search Bench %')`);
    await db.query(`DELETE FROM businesses WHERE name LIKE 'Search Bench %'`);
    await db.query(`DELETE FROM users WHERE email LIKE '%@search-bench-%'`);
    await db.query(`DELETE FROM webhook_events WHERE event_id LIKE 'evt_sb_%'`);
    await db.query(
      `INSERT INTO users (email, created_at, updated_at)
       SELECT (${FIRST_NAMES})[1 + g % 40] || '.' || (${LAST_NAMES})[1 + (g / 40) % 40] || g || '@${SEED}-' || (g % 500) || '.example', now(), now()
         FROM generate_series(1, $1) g`,
      [USERS],
    );
    await db.query(
      `INSERT INTO businesses (id, name, plan, calls_included, stripe_customer_id, stripe_subscription_id)
       SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
              'Search Bench ' || (ARRAY['Cool Air', 'Northside Heating', 'Bright Smile Dental', 'Iron Gym', 'Lakeview Plumbing'])[1 + g % 5] || ' ' || g,
              'pro', 500, 'cus_sb' || g, 'sub_sb' || g
         FROM generate_series(1, $1) g`,
      [BUSINESSES],
    );
    await db.query(
      `INSERT INTO phone_numbers (business_id, e164, status)
       SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, '+1773' || lpad(g::text, 7, '0'), 'active' FROM generate_series(1, $1) g`,
      [BUSINESSES],
    );
    await db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at)
       SELECT u.id, 'hvac', 'Trial ' || u.n, 'lead_intake', '+1312' || lpad(u.n::text, 7, '0'), now() + interval '2 days'
         FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE email LIKE '%@${SEED}-%' LIMIT $1) u`,
      [TRIALS],
    );
    await db.query(
      `INSERT INTO calls (id, business_id, direction, status, to_e164, from_e164, vapi_call_id, twilio_call_sid, created_at, updated_at)
       SELECT ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid,
              ('00000000-0000-4000-8000-' || lpad(to_hex(1 + g % $2), 12, '0'))::uuid,
              'inbound', 'completed', '+1773' || lpad((1 + g % $2)::text, 7, '0'), '+1630' || lpad((g % 10000000)::text, 7, '0'),
              ('00000000-0000-4000-a000-' || lpad(to_hex(g), 12, '0')), 'CA' || md5(g::text),
              now() - make_interval(secs => g), now()
         FROM generate_series(1, $1) g`,
      [CALLS, BUSINESSES],
    );
    await db.query(
      `INSERT INTO leads (business_id, source, phone_e164, name, email, auto_call, last_submission_at)
       SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(1 + g % $2), 12, '0'))::uuid, 'api', '+1630' || lpad(g::text, 7, '0'),
              'Lead ' || g, 'lead' || g || '@customers-' || (g % 100) || '.example', false, now()
         FROM generate_series(1, $1) g`,
      [LEADS, BUSINESSES],
    );
    await db.query(
      `INSERT INTO webhook_events (provider, event_id, event_type, payload, status)
       SELECT (ARRAY['stripe', 'twilio', 'vapi'])[1 + g % 3]::text, 'evt_sb_' || g, 'invoice.paid', '{}'::jsonb, 'completed' FROM generate_series(1, $1) g`,
      [EVENTS],
    );
    // As autovacuum leaves tables in steady state: statistics, visibility map.
    for (const table of ['users', 'businesses', 'phone_numbers', 'trials', 'calls', 'leads', 'webhook_events']) await db.query(`VACUUM ANALYZE ${table}`);
  }
  const [{ users }] = (await db.query(`SELECT count(*)::int AS users FROM users`)).rows;
  const [{ calls }] = (await db.query(`SELECT count(*)::int AS calls FROM calls`)).rows;
  return { users, calls };
}

/** A staff session; the address goes into the API's ADMIN_EMAILS (at start-up, admins not listed there become users). */
async function signInStaff(db: Client): Promise<{ cookie: string; email: string }> {
  const email = `bench-staff-${randomSecret(6).toLowerCase()}@beaker.dev`;
  const [user] = (await db.query(`INSERT INTO users (email, role) VALUES ($1, 'admin') RETURNING id`, [email])).rows;
  const token = randomSecret(32);
  await db.query(`INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at) VALUES ($1, $2, now() + interval '7 days', now())`, [user.id, hashSecret(token)]);
  return { cookie: `beaker_session=${token}`, email };
}

/** What staff type, one of each kind of key, spread over the seeded rows. */
function queries(): string[] {
  const list: string[] = [];
  // Emails: the start (a name), the whole address, a domain (with and without @), a part.
  list.push('maria.gar', 'dana.smith', 'james.lopez4', `dana.garcia1602@${SEED}-102.example`, `${SEED}-42.example`, `@${SEED}-7.example`, 'garcia12', 'lopez77');
  // Businesses: a name, its start, a part; Stripe ids.
  list.push('Cool Air', 'smile dental 95', 'Lakeview', 'cus_sb4711', 'sub_sb815');
  // Calls: ids, Vapi call ids, a Twilio call sid.
  for (const g of [12, 345_678, 999_999]) list.push(uuidOf('00000000-0000-4000-9000-', g), uuidOf('00000000-0000-4000-a000-', g));
  list.push(`CA${'0'.repeat(32)}`);
  // Phone numbers however typed (business numbers, trials' and leads' phones); a provider event id; leads' emails.
  list.push('(773) 000-4711', '7730000815', '+17730009999', '(312) 000-1234', '630.012.3456', 'evt_sb_123456', 'lead777@customers-77.example', 'lead4242@');
  // A business by id, and an id of nothing.
  list.push(uuidOf('00000000-0000-4000-8000-', 4711), '00000000-0000-4000-8000-ffffffffffff');
  return list.map((q) => `/v1/admin/search?q=${encodeURIComponent(q)}`);
}

async function seqScans(db: Client): Promise<Record<string, number>> {
  const rows = (await db.query(`SELECT relname, seq_scan FROM pg_stat_user_tables WHERE relname = ANY($1)`, [BIG_TABLES])).rows as { relname: string; seq_scan: string }[];
  return Object.fromEntries(rows.map((r) => [r.relname, Number(r.seq_scan)]));
}

export async function runAdminSearchBench(rounds = 3): Promise<AdminSearchBenchResult> {
  // A database of its own: the seed (a few minutes to build) is kept between runs.
  const databaseUrl = await prepareBenchDatabase('beaker_bench_search');
  // Seeding and signing in on a connection of its own, closed before anything is measured: a
  // backend reports its table statistics when it ends, so its counts cannot land in the rounds.
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  let seeded: { users: number; calls: number };
  let cookie: string;
  let staffEmail: string;
  try {
    seeded = await seed(setup);
    ({ cookie, email: staffEmail } = await signInStaff(setup));
  } finally {
    await setup.end();
  }
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const api = await startApiProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15', ADMIN_EMAILS: staffEmail });
  try {
    const requests = queries().map((path) => ({ method: 'GET' as const, path, headers: { cookie } }));
    // Every query answers 200 before anything is measured.
    for (const r of requests) {
      const res = await fetch(`${api.url}${r.path}`, { headers: r.headers });
      if (res.status !== 200) throw new Error(`${r.path} answered ${res.status}: ${await res.text()}`);
    }
    const warm = await latencyRound(api.url, requests, CONNECTIONS, 2);
    if (warm.failures > 0) throw new Error(`the search failed ${warm.failures} requests during warm-up`);
    // The API's connections report their statistics at most once a second.
    await new Promise((r) => setTimeout(r, 1500));
    const before = await seqScans(db);
    const stats = new RoundStats();
    const alone = new RoundStats();
    const baseline = new RoundStats();
    for (let i = 0; i < rounds; i++) {
      // One staff member at a time: what the data size costs, without queueing.
      alone.add(await latencyRound(api.url, requests, 1, 3));
      // The machine's state in the same round: a signed-in GET /v1/me (the guard and one small query).
      baseline.add(await latencyRound(api.url, [{ method: 'GET', path: '/v1/me', headers: { cookie } }], CONNECTIONS, 2));
      const r = await latencyRound(api.url, requests, CONNECTIONS, ROUND_SECONDS);
      if (r.failures > 0) throw new Error(`the search failed ${r.failures} requests`);
      stats.add(r);
    }
    await new Promise((r) => setTimeout(r, 1500));
    const after = await seqScans(db);
    return {
      ...stats.summary(),
      baselineP95Ms: baseline.summary().p95Ms,
      singleConnectionP95Ms: alone.summary().p95Ms,
      connections: CONNECTIONS,
      rounds,
      usersInTable: seeded.users,
      callsInTable: seeded.calls,
      seqScans: Object.fromEntries(BIG_TABLES.map((t) => [t, (after[t] ?? 0) - (before[t] ?? 0)])),
      queries: requests.length,
    };
  } finally {
    await api.stop();
    await db.end();
  }
}

if (require.main === module) {
  void runAdminSearchBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
