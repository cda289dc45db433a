import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { hashSecret, randomSecret } from '../src/common/crypto';
import { freePort, LatencyRound, latencyRound, load, median, prepareBenchDatabase, RoundStats, startApiProcess, stopProcess, waitForHttp } from './support';

/**
 * The dashboard's calls list, `GET /v1/businesses/:id/calls` (issue 8: p95 ≤ 50 ms with 1,000,000
 * calls in the table and 50 concurrent clients), for a signed-in owner: the global guard (session,
 * membership), query validation, one keyset query.
 *
 * The calls are seeded once per bench database with one `INSERT … SELECT generate_series` across
 * several businesses (the one measured holds a fifth of them). Requests cycle through the list's
 * shapes: first page, each filter, a date range, and a page deep in the list by cursor. The p95 is
 * computed from every response's latency; the figure is the median over the rounds.
 *
 * The budget is absolute, so each round also measures a bare Fastify hello-world on the same
 * machine at the same moment: its req/s says how loaded the machine was (PERFORMANCE.md).
 */

export const CONNECTIONS = 50;
export const TOTAL_CALLS = 1_000_000;
const BUSINESSES = 5;
const ROUND_SECONDS = 5;
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef';
/** Bumped when the seed changes: older bench businesses (and their calls) are deleted. */
const BENCH_NAME = 'Calls Bench v2';

export interface CallsListBenchResult {
  p95Ms: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  connections: number;
  rounds: number;
  callsInTable: number;
  /** The access path Postgres chose for each request shape (EXPLAIN): none may be a Seq Scan. */
  plans: Record<string, string>;
  /** Bare Fastify hello-world req/s in the same rounds: the machine's state. */
  bareFastifyRps: number;
}

interface Caller {
  businessId: string;
  cookie: string;
}

/** The bench businesses, and their calls unless a previous run already made them. */
async function seed(db: Client): Promise<{ businessId: string; callsInTable: number }> {
  await db.query(`DELETE FROM businesses WHERE name LIKE 'Calls Bench %' AND name NOT LIKE $1`, [`${BENCH_NAME} %`]);
  const existing = (await db.query(`SELECT id FROM businesses WHERE name LIKE $1 ORDER BY name`, [`${BENCH_NAME} %`])).rows as { id: string }[];
  let ids = existing.map((r) => r.id);
  if (ids.length < BUSINESSES) {
    ids = [];
    for (let i = 0; i < BUSINESSES; i++) {
      const [row] = (await db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ($1, 'pro', 500) RETURNING id`, [`${BENCH_NAME} ${i}`])).rows;
      ids.push(row.id);
    }
  }
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM calls WHERE business_id = ANY($1)`, [ids])).rows;
  if (n < TOTAL_CALLS) {
    await db.query(`DELETE FROM calls WHERE business_id = ANY($1)`, [ids]);
    // One statement: a year of calls spread over the businesses, every direction and status.
    await db.query(
      `INSERT INTO calls (business_id, direction, status, to_e164, from_e164, created_at, updated_at, duration_seconds, summary, extracted_lead, inbound_route)
       SELECT ($1::uuid[])[1 + (g % $2)],
              (ARRAY['inbound', 'inbound', 'outbound_lead'])[1 + (g % 3)],
              (ARRAY['completed', 'completed', 'completed', 'failed', 'in_progress'])[1 + ((g / $2) % 5)],
              '+14155550100', '+1312555' || lpad((g % 10000)::text, 4, '0'),
              now() - make_interval(secs => (g * 31.536)::double precision),
              now(), 30 + g % 300,
              'The caller asked about a repair.', jsonb_build_object('name', 'Caller ' || (g % 1000)),
              CASE WHEN g % 3 = 2 THEN NULL ELSE 'assistant' END
         FROM generate_series(1, $3) AS g`,
      [ids, BUSINESSES, TOTAL_CALLS],
    );
    await db.query(`ANALYZE calls`);
  }
  const [{ total }] = (await db.query(`SELECT count(*)::int AS total FROM calls`)).rows;
  return { businessId: ids[0], callsInTable: total };
}

async function signIn(db: Client, businessId: string): Promise<Caller> {
  const [user] = (await db.query(`INSERT INTO users (email) VALUES ($1) RETURNING id`, [`bench-calls-${randomSecret(6).toLowerCase()}@example.com`])).rows;
  await db.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $2, 'owner')`, [businessId, user.id]);
  const token = randomSecret(32);
  await db.query(`INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at) VALUES ($1, $2, now() + interval '7 days', now())`, [user.id, hashSecret(token)]);
  return { businessId, cookie: `beaker_session=${token}` };
}

/** The list's request shapes; the deep page's cursor is read from the API once, before the rounds. */
async function shapes(url: string, caller: Caller): Promise<Record<string, string>> {
  const base = `/v1/businesses/${caller.businessId}/calls`;
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const twoMonthsAgo = new Date(Date.now() - 60 * 86_400_000).toISOString();
  const list: Record<string, string> = {
    'first page': `${base}`,
    'inbound only': `${base}?direction=inbound`,
    'failed only': `${base}?status=failed`,
    'inbound and completed': `${base}?direction=inbound&status=completed&limit=50`,
    'a month, by date': `${base}?from=${encodeURIComponent(twoMonthsAgo)}&to=${encodeURIComponent(monthAgo)}`,
  };
  // A page half a year deep, by cursor.
  const sixMonthsAgo = new Date(Date.now() - 182 * 86_400_000).toISOString();
  const res = await fetch(`${url}${base}?to=${encodeURIComponent(sixMonthsAgo)}&limit=1`, { headers: { cookie: caller.cookie } });
  if (!res.ok) throw new Error(`the calls list answered ${res.status}`);
  const cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
  if (cursor) list['a deep page by cursor'] = `${base}?cursor=${cursor}`;
  return list;
}

async function explain(db: Client, businessId: string): Promise<Record<string, string>> {
  const plan = async (where: string, params: unknown[]) => {
    const rows = (await db.query(`EXPLAIN SELECT id FROM calls WHERE business_id = $1 ${where} ORDER BY created_at DESC, id DESC LIMIT 26`, [businessId, ...params])).rows as {
      'QUERY PLAN': string;
    }[];
    return rows
      .map((r) => r['QUERY PLAN'])
      .filter((l) => /Scan/.test(l))
      .map((l) => l.trim().replace(/\s+\(cost.*$/, '').replace(/^->\s*/, ''))
      .join(' / ');
  };
  return {
    'first page': await plan('', []),
    'inbound only': await plan(`AND direction = $2`, ['inbound']),
    'failed only': await plan(`AND status = $2`, ['failed']),
    'a month, by date': await plan(`AND created_at >= $2 AND created_at < $3`, [new Date(Date.now() - 60 * 86_400_000), new Date(Date.now() - 30 * 86_400_000)]),
  };
}

function round(url: string, caller: Caller, paths: string[], seconds: number): Promise<LatencyRound> {
  return latencyRound(url, paths.map((path) => ({ method: 'GET', path, headers: { cookie: caller.cookie } })), CONNECTIONS, seconds);
}

export async function runCallsListBench(rounds = 3): Promise<CallsListBenchResult> {
  const databaseUrl = await prepareBenchDatabase();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let caller: Caller;
  let callsInTable: number;
  let plans: Record<string, string>;
  try {
    const seeded = await seed(db);
    callsInTable = seeded.callsInTable;
    caller = await signIn(db, seeded.businessId);
    plans = await explain(db, seeded.businessId);
  } finally {
    await db.end();
  }
  const barePort = await freePort();
  const bare = spawn(process.execPath, [resolve(__dirname, 'bare-fastify.server.js')], { env: { ...process.env, PORT: String(barePort) }, stdio: 'inherit' });
  const bareUrl = `http://127.0.0.1:${barePort}/hello`;
  await waitForHttp(bareUrl);
  const api = await startApiProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15', SESSION_SECRET });
  try {
    const paths = Object.values(await shapes(api.url, caller));
    // Warm-up: JIT, connection pools, the index pages in Postgres's cache.
    const warm = await round(api.url, caller, paths, 2);
    if (warm.failures > 0) throw new Error(`the calls list failed ${warm.failures} requests during warm-up`);
    const stats = new RoundStats();
    const bareRps: number[] = [];
    for (let i = 0; i < rounds; i++) {
      bareRps.push((await load({ url: bareUrl, connections: CONNECTIONS, duration: ROUND_SECONDS })).requestsPerSecond);
      const r = await round(api.url, caller, paths, ROUND_SECONDS);
      if (r.failures > 0) throw new Error(`the calls list failed ${r.failures} requests`);
      stats.add(r);
    }
    return {
      ...stats.summary(),
      connections: CONNECTIONS,
      rounds,
      callsInTable,
      plans,
      bareFastifyRps: Math.round(median(bareRps)),
    };
  } finally {
    await api.stop();
    await stopProcess(bare);
  }
}

if (require.main === module) {
  void runCallsListBench().then((result) => console.log(JSON.stringify(result, null, 2)));
}
