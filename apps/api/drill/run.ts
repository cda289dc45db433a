import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { signStripePayload } from '../src/integrations/stripe/stripe.webhook-signature';
import { withNodeOptions } from '../src/runtime-options';
import { freePort, prepareBenchDatabase, repoRoot, waitForHttp } from '../bench/support';

/**
 * `npm run drill` (issue 19, item 3): failure drills against the built API and worker processes, a
 * PRIVATE Postgres (initdb in a temporary directory, its own port; never the shared server) and a
 * PRIVATE redis-server (never the shared one on 6379). The webhook drills stream signed Stripe
 * webhooks, break something mid-stream, recover, and report what was sent, acknowledged (2xx, after
 * provider-style retries), processed (completed or ignored), lost (acknowledged but not processed
 * when the drain deadline passed) and duplicated (events whose handler ran to completion more than
 * once: more than one completed/ignored attempt). The provider drills leave calls open (their
 * end-of-call report never sent) and let the worker's reconciliation close them through the live
 * Vapi adapter, pointed at a local stub (VAPI_BASE_URL) that can answer 503.
 */

const SECRET = 'whsec_drill_only_0123456789';
const EVENTS = Number(process.env.DRILL_EVENTS ?? 1000);
const RATE = Number(process.env.DRILL_RATE ?? 100); // deliveries per second offered
const DRAIN_TIMEOUT_MS = Number(process.env.DRILL_DRAIN_TIMEOUT_MS ?? 180_000);
/** How long the Vapi stub answers 503 in the provider-503 drill (the issue's 2 minutes by default). */
const PROVIDER_OUTAGE_MS = Number(process.env.DRILL_PROVIDER_OUTAGE_MS ?? 120_000);
/** Calls left open by the provider drills. */
const CALLS = Number(process.env.DRILL_CALLS ?? 150);
/**
 * The clock offset of the provider drills: their calls are created this long ago (placed, and their
 * report never came), i.e. as old as reconciliation's RECONCILE_AFTER_MS (8 min): due at its next run.
 */
const CALL_AGE_MS = Number(process.env.DRILL_CALL_AGE_MS ?? 8 * 60_000);
/** The goal for calls whose report never came: closed at most this long after they were placed. */
const RECONCILE_GOAL_MS = 10 * 60_000;
const PG_DOWN_MS = Number(process.env.DRILL_PG_DOWN_MS ?? 10_000);
const REDIS_DOWN_MS = 10_000;
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef';

const ALL_DRILLS = ['redis-stop', 'postgres-restart', 'worker-kill', 'redis-replaced', 'provider-503', 'reports-never-sent'] as const;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Progress on stderr (the table goes to stdout). */
const progress = (message: string) => console.error(`[drill ${new Date().toISOString().slice(11, 19)}] ${message}`);

// ---------------------------------------------------------------------------------------------
// A private Postgres: initdb in a temporary directory, started with pg_ctl on a port of its own.
// Postgres refuses to run as root: as root, its binaries run as the `postgres` OS user (the
// data directory is theirs); otherwise as the current user.

interface PrivatePostgres {
  port: number;
  dir: string;
  url: (db: string) => string;
  stop: () => Promise<void>;
  start: () => Promise<void>;
}

function pgBin(name: string): string {
  return process.env.DRILL_PG_BIN ? join(process.env.DRILL_PG_BIN, name) : `/usr/local/bin/${name}`;
}

/** Runs a Postgres binary (as the `postgres` OS user when we are root), without blocking the stream. */
function asPostgresUser(cmd: string, args: string[]): Promise<{ status: number | null; out: string }> {
  const asRoot = process.getuid?.() === 0;
  const child = asRoot ? spawn('runuser', ['-u', 'postgres', '--', cmd, ...args]) : spawn(cmd, args);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return new Promise((ok) => child.on('exit', (status) => ok({ status, out })));
}

async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'beaker-drill-pg-'));
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = join(dir, 'data');
  const init = await asPostgresUser(pgBin('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.out}`);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const pg: PrivatePostgres = {
    port,
    dir,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start: async () => {
      const r = await asPostgresUser(pgBin('pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', '-t', '120', 'start']);
      if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.out}`);
    },
    stop: async () => {
      const r = await asPostgresUser(pgBin('pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '120', 'stop']);
      if (r.status !== 0) throw new Error(`pg_ctl stop failed: ${r.out}`);
    },
  };
  await pg.start();
  return pg;
}

// ---------------------------------------------------------------------------------------------
// A private Redis.

interface Redis {
  port: number;
  url: string;
  dir: string;
  child: ChildProcess;
}

function startRedis(port: number, dir: string): Promise<ChildProcess> {
  // Snapshots only on SHUTDOWN (to a private dir): a "stop" keeps the data, a replacement starts empty.
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return waitForRedis(port).then(() => child);
}

async function waitForRedis(port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const out = await redisCli(port, ['ping']);
    if (out.includes('PONG')) return;
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await sleep(100);
  }
}

function redisCli(port: number, args: string[]): Promise<string> {
  return new Promise((ok) => {
    const probe = spawn('redis-cli', ['-p', String(port), ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    probe.stdout.on('data', (d) => (out += d));
    probe.on('exit', () => ok(out));
  });
}

// ---------------------------------------------------------------------------------------------
// The processes under test.

/** SIGTERM, and SIGKILL 10 s later if it is still there (a process waiting on a Redis that is gone may never exit). */
function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null || child.signalCode !== null) return ok();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGTERM');
  });
}

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'dist/apps/api/worker.js')], {
    cwd: repoRoot,
    env: { ...withNodeOptions(process.env), NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((ok, fail) => {
    let started = false;
    let seen = '';
    const timer = setTimeout(() => fail(new Error('the worker did not start its processors within 120 s')), 120_000);
    // Its log is read to the end (a full pipe would stall it).
    child.stdout!.on('data', (chunk: Buffer) => {
      if (started) return;
      seen = (seen + chunk.toString()).slice(-10_000);
      if (/"msg":"processing /.test(seen)) {
        started = true;
        clearTimeout(timer);
        ok(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) fail(new Error(`the worker exited with ${code} while starting:\n${seen.slice(-3000)}`));
    });
  });
}

/** The built API (WORKERS=off: ingestion only); up to 2 min to come up on a busy machine. */
async function startApi(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [resolve(repoRoot, 'dist/apps/api/main.js')], {
    cwd: repoRoot,
    env: { ...withNodeOptions(process.env), NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET, PORT: String(port), APP_URL: url, HOST: '127.0.0.1', WORKERS: 'off', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForHttp(`${url}/health/live`, 120_000);
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { url, stop: () => stopProcess(child) };
}

// ---------------------------------------------------------------------------------------------
// The webhook stream.

function stripeEventBody(id: string): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-03-31.basil',
    created: Math.floor(Date.now() / 1000),
    type: 'invoice.paid',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object: { id: `in_${id}`, object: 'invoice', customer: 'cus_drill', subscription: 'sub_drill', amount_paid: 2900, currency: 'usd', status: 'paid' } },
  });
}

interface StreamResult {
  sent: number;
  acknowledged: number;
  /** Deliveries refused (non-2xx or connection error) at least once before being acknowledged. */
  retriedByProvider: number;
}

/**
 * Sends `EVENTS` signed deliveries at `RATE`/s; like Stripe, a delivery not acknowledged is sent
 * again (every 500 ms here, for up to 60 s). `onProgress(n)` is called as each delivery starts.
 */
async function stream(apiUrl: string, prefix: string, onProgress: (n: number) => void): Promise<StreamResult> {
  let acknowledged = 0;
  let retried = 0;
  const deliver = async (i: number) => {
    const id = `evt_${prefix}_${i}`;
    const body = stripeEventBody(id);
    const deadline = Date.now() + 60_000;
    let refused = false;
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`${apiUrl}/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signStripePayload(SECRET, body, Math.floor(Date.now() / 1000)) },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.ok) {
          acknowledged++;
          if (refused) retried++;
          return;
        }
      } catch {
        // connection refused or timed out: the provider retries
      }
      refused = true;
      await sleep(500);
    }
  };
  const inFlight: Promise<void>[] = [];
  const started = Date.now();
  for (let i = 0; i < EVENTS; i++) {
    const due = started + (i * 1000) / RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    onProgress(i);
    inFlight.push(deliver(i));
  }
  await Promise.all(inFlight);
  return { sent: EVENTS, acknowledged, retriedByProvider: retried };
}

interface Counts {
  rows: number;
  processed: number;
  failed: number;
  unfinished: number;
  reattempted: number;
  /** Events whose handler ran to completion more than once (more than one completed/ignored attempt). */
  doneTwice: number;
  /** Attempts recorded as interrupted: a process died holding the event, another took it up. */
  interrupted: number;
}

async function counts(db: Client, prefix: string): Promise<Counts> {
  const { rows } = await db.query(
    `WITH e AS (SELECT id, status, attempts FROM webhook_events WHERE provider = 'stripe' AND event_id LIKE $1),
          a AS (SELECT a.webhook_event_id,
                       count(*) FILTER (WHERE a.outcome IN ('completed', 'ignored')) AS done,
                       count(*) FILTER (WHERE a.outcome = 'interrupted') AS interrupted
                  FROM webhook_event_attempts a JOIN e ON e.id = a.webhook_event_id GROUP BY a.webhook_event_id)
     SELECT (SELECT count(*) FROM e)::int AS rows,
            (SELECT count(*) FROM e WHERE status IN ('completed', 'ignored'))::int AS processed,
            (SELECT count(*) FROM e WHERE status = 'failed')::int AS failed,
            (SELECT count(*) FROM e WHERE status IN ('pending', 'processing'))::int AS unfinished,
            (SELECT count(*) FROM e WHERE attempts > 1)::int AS reattempted,
            (SELECT count(*) FROM a WHERE done > 1)::int AS "doneTwice",
            (SELECT coalesce(sum(interrupted), 0) FROM a)::int AS interrupted`,
    [`evt_${prefix}_%`],
  );
  return rows[0] as Counts;
}

interface DrillReport {
  drill: string;
  sent: number;
  acknowledged: number;
  retriedByProvider: number | string;
  processed: number;
  failed: number;
  lost: number;
  duplicated: number;
  reattempted: number | string;
  drainSeconds: number | null;
  note: string;
}

interface Rig {
  db: Client;
  dbName: string;
  pg: PrivatePostgres;
  api: { url: string; stop: () => Promise<void> };
  redis: Redis;
  workers: ChildProcess[];
  workerEnv: Record<string, string>;
}

/** Polls the record until every acknowledged event is finished; `null` seconds when the deadline passed. */
async function drain(rig: Rig, prefix: string, acknowledged: number, recoveredAt: number): Promise<{ c: Counts; drainSeconds: number | null }> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const c = await withDb(rig, (db) => counts(db, prefix));
    if (c && c.unfinished === 0 && c.rows >= acknowledged) return { c, drainSeconds: Math.round((Date.now() - recoveredAt) / 100) / 10 };
    if (Date.now() > deadline) return { c: c ?? (await counts(rig.db, prefix)), drainSeconds: null };
    await sleep(250);
  }
}

/** A query on the drill's own connection, reconnected after a Postgres restart; null while it fails. */
async function withDb<T>(rig: Rig, fn: (db: Client) => Promise<T>): Promise<T | null> {
  try {
    return await fn(rig.db);
  } catch {
    await rig.db.end().catch(() => undefined);
    rig.db = new Client({ connectionString: rig.pg.url(rig.dbName) });
    rig.db.on('error', () => undefined);
    await rig.db.connect().catch(() => undefined);
    return null;
  }
}

async function runWebhookDrill(rig: Rig, name: string, prefix: string, disrupt: () => Promise<number>, note: string): Promise<DrillReport> {
  let recovery: Promise<number> | null = null;
  progress(`${name}: streaming`);
  const s = await stream(rig.api.url, prefix, (n) => {
    if (n !== Math.floor(EVENTS / 3) || recovery) return;
    progress(`${name}: disrupting after ${n} deliveries`);
    recovery = disrupt();
    recovery.catch((err) => console.error(`${name}: the disruption failed`, err));
  });
  const recoveredAt = await (recovery ?? Promise.resolve(Date.now()));
  progress(`${name}: stream done (${s.acknowledged}/${s.sent} acknowledged), recovered ${Math.round((Date.now() - recoveredAt) / 1000)} s ago; draining`);
  const { c, drainSeconds } = await drain(rig, prefix, s.acknowledged, recoveredAt);
  progress(`${name}: ${c.processed} processed, ${c.unfinished} unfinished, drain ${drainSeconds ?? 'timed out'}`);
  return {
    drill: name,
    sent: s.sent,
    acknowledged: s.acknowledged,
    retriedByProvider: s.retriedByProvider,
    processed: c.processed,
    failed: c.failed,
    lost: s.acknowledged - c.processed,
    // (One row per provider and event id is a unique constraint: a delivery cannot be stored twice.)
    duplicated: c.doneTwice + Math.max(0, c.rows - s.sent),
    reattempted: c.interrupted > 0 ? `${c.reattempted} (${c.interrupted} interrupted)` : c.reattempted,
    drainSeconds,
    note,
  };
}

// ---------------------------------------------------------------------------------------------
// The provider drills: a Vapi stub, calls left open, reconciliation through the live adapter.

interface VapiStub {
  url: string;
  down: boolean;
  requests: number;
  refused: number;
  server: Server;
}

/** GET /call/:id answers the call as ended (its report never sent), or 503 while `down`. */
async function startVapiStub(): Promise<VapiStub> {
  const port = await freePort();
  const stub: VapiStub = { url: `http://127.0.0.1:${port}`, down: false, requests: 0, refused: 0, server: undefined as unknown as Server };
  stub.server = createServer((req, res) => {
    stub.requests++;
    if (stub.down) {
      stub.refused++;
      res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Service Unavailable', statusCode: 503 }));
      return;
    }
    const match = /^\/call\/([^/?]+)$/.exec(req.url ?? '');
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not Found', statusCode: 404 }));
      return;
    }
    const id = decodeURIComponent(match[1]);
    const endedAt = new Date(Date.now() - CALL_AGE_MS + 90_000);
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id,
        orgId: 'org_drill',
        type: 'inboundPhoneCall',
        status: 'ended',
        endedReason: 'customer-ended-call',
        startedAt: new Date(endedAt.getTime() - 60_000).toISOString(),
        endedAt: endedAt.toISOString(),
        cost: 0.11,
        costs: [{ type: 'model', cost: 0.05 }, { type: 'voice', cost: 0.06 }],
        createdAt: new Date(Date.now() - CALL_AGE_MS).toISOString(),
        updatedAt: endedAt.toISOString(),
      }),
    );
  });
  await new Promise<void>((ok) => stub.server.listen(port, '127.0.0.1', () => ok()));
  return stub;
}

async function seedOpenCalls(db: Client, businessId: string, prefix: string): Promise<void> {
  await db.query(
    `INSERT INTO calls (business_id, direction, status, to_e164, from_e164, vapi_call_id, inbound_route, created_at, updated_at)
     SELECT $1, 'inbound', 'in_progress', '+14155550100', '+14155550199', $2 || '_' || g, 'assistant', now() - make_interval(secs => $3::float8 / 1000), now() - make_interval(secs => $3::float8 / 1000)
       FROM generate_series(1, $4::int) g`,
    [businessId, `vcall_${prefix}`, CALL_AGE_MS, CALLS],
  );
}

interface CallCounts {
  total: number;
  open: number;
  completed: number;
  failed: number;
  notFound: number;
  /** Calls announced ended (a call.completed outbound event) more than once. */
  announcedTwice: number;
}

async function callCounts(db: Client, prefix: string): Promise<CallCounts> {
  const { rows } = await db.query(
    `WITH c AS (SELECT id, status, ended_reason FROM calls WHERE vapi_call_id LIKE $1),
          o AS (SELECT data->'call'->>'id' AS call_id, count(*) AS n FROM outbound_events WHERE type = 'call.completed' AND data->'call'->>'id' IN (SELECT id::text FROM c) GROUP BY 1)
     SELECT (SELECT count(*) FROM c)::int AS total,
            (SELECT count(*) FROM c WHERE status NOT IN ('completed', 'failed'))::int AS open,
            (SELECT count(*) FROM c WHERE status = 'completed')::int AS completed,
            (SELECT count(*) FROM c WHERE status = 'failed')::int AS failed,
            (SELECT count(*) FROM c WHERE ended_reason LIKE 'reconciliation-%')::int AS "notFound",
            (SELECT count(*) FROM o WHERE n > 1)::int AS "announcedTwice"`,
    [`vcall_${prefix}_%`],
  );
  return rows[0] as CallCounts;
}

/** Breaker figures from the private Redis (shared state) and the worker's /metrics (this process's rejections). */
async function breakerFigures(rig: Rig, metricsPort: number, name: string): Promise<{ opens: number; closes: number; rejected: number }> {
  const detail = (await redisCli(rig.redis.port, ['hgetall', `provider-breakers:detail:${name}`])).split('\n').map((l) => l.trim());
  const field = (key: string) => Number(detail[detail.indexOf(key) + 1] ?? 0) || 0;
  let rejected = 0;
  try {
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    // Every metric also carries `service`: match the breaker label wherever it stands.
    const line = text.split('\n').find((l) => l.startsWith('provider_breaker_rejections_total{') && l.includes(`breaker="${name}"`));
    rejected = line ? Number(line.split(' ').pop()) : 0;
  } catch {
    rejected = NaN;
  }
  return { opens: field('opens'), closes: field('closes'), rejected };
}

async function runCallsDrill(
  rig: Rig,
  name: string,
  prefix: string,
  businessId: string,
  stub: VapiStub,
  metricsPort: number,
  outageMs: number,
): Promise<DrillReport & { longestOpenMs: number | null; breaker?: { opens: number; closes: number; rejected: number; refusedByStub: number } }> {
  const before = await breakerFigures(rig, metricsPort, 'vapi:get_call');
  const refusedBefore = stub.refused;
  if (outageMs > 0) stub.down = true;
  progress(`${name}: ${CALLS} open calls${outageMs > 0 ? `, Vapi answering 503 for ${outageMs / 1000} s` : ''}`);
  const seededAt = Date.now();
  await seedOpenCalls(rig.db, businessId, prefix);
  const placedAt = seededAt - CALL_AGE_MS;
  let recoveredAt = seededAt;
  if (outageMs > 0) {
    await sleep(outageMs);
    stub.down = false;
    recoveredAt = Date.now();
  }
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  let c: CallCounts;
  let closedAt: number | null = null;
  for (;;) {
    c = await callCounts(rig.db, prefix);
    if (c.open === 0) {
      closedAt = Date.now();
      break;
    }
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  progress(`${name}: ${c.completed} completed, ${c.failed} failed, ${c.open} open`);
  const after = await breakerFigures(rig, metricsPort, 'vapi:get_call');
  const ok = c.completed - c.notFound;
  return {
    drill: name,
    sent: c.total,
    acknowledged: c.total,
    retriedByProvider: '—',
    processed: ok,
    failed: c.failed,
    lost: c.total - ok,
    duplicated: c.announcedTwice,
    reattempted: '—',
    drainSeconds: closedAt === null ? null : Math.round((closedAt - recoveredAt) / 100) / 10,
    note: '',
    longestOpenMs: closedAt === null ? null : closedAt - placedAt,
    breaker: outageMs > 0 ? { opens: after.opens - before.opens, closes: after.closes - before.closes, rejected: after.rejected - before.rejected, refusedByStub: stub.refused - refusedBefore } : undefined,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = Date.now();
  const only = process.argv.slice(2);
  for (const name of only) if (!(ALL_DRILLS as readonly string[]).includes(name)) throw new Error(`unknown drill "${name}" (drills: ${ALL_DRILLS.join(', ')})`);
  const want = (name: (typeof ALL_DRILLS)[number]) => only.length === 0 || only.includes(name);
  progress('starting a private Postgres and Redis');
  const pg = await startPrivatePostgres();
  const dbName = 'beaker_drill';
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'beaker-drill-redis-'));
  const redis: Redis = { port, url: `redis://127.0.0.1:${port}/0`, dir, child: await startRedis(port, dir) };
  const stub = await startVapiStub();
  const rig: Rig = { db: undefined as unknown as Client, dbName, pg, api: { url: '', stop: async () => undefined }, redis, workers: [], workerEnv: {} };
  const reports: (DrillReport & { longestOpenMs?: number | null; breaker?: { opens: number; closes: number; rejected: number; refusedByStub: number } })[] = [];
  const run = Date.now().toString(36);
  try {
    const databaseUrl = await prepareBenchDatabase(dbName, { fresh: true, url: pg.url(dbName) });
    const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, STRIPE_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'info' };
    rig.workerEnv = env;
    rig.db = new Client({ connectionString: databaseUrl });
    rig.db.on('error', () => undefined);
    await rig.db.connect();
    // The business the drill's invoices and calls are for: without it every event would fail ("No business for subscription").
    const { rows } = await rig.db.query<{ id: string }>(
      `INSERT INTO businesses (name, plan, calls_included, status, stripe_customer_id, stripe_subscription_id) VALUES ('Drill Co', 'starter', 100, 'active', 'cus_drill', 'sub_drill') RETURNING id`,
    );
    const businessId = rows[0].id;
    const webhookDrills = (['redis-stop', 'postgres-restart', 'worker-kill', 'redis-replaced'] as const).some(want);
    if (webhookDrills) {
      rig.api = await startApi({ ...env, LOG_LEVEL: 'silent' });
      rig.workers.push(await startWorker(env));
    }
    if (want('redis-stop')) {
      reports.push(
        await runWebhookDrill(
          rig,
          'redis-stop',
          `${run}a`,
          async () => {
            const old = redis.child;
            const gone = new Promise<void>((ok) => (old.exitCode !== null ? ok() : old.once('exit', () => ok())));
            await redisCli(redis.port, ['shutdown', 'save']);
            await gone;
            await sleep(REDIS_DOWN_MS);
            redis.child = await startRedis(redis.port, redis.dir);
            return Date.now();
          },
          'Redis shut down (data saved) for 10 s at the 1/3 mark, then started again with its data',
        ),
      );
    }
    if (want('postgres-restart')) {
      reports.push(
        await runWebhookDrill(
          rig,
          'postgres-restart',
          `${run}p`,
          async () => {
            await pg.stop();
            await sleep(PG_DOWN_MS);
            await pg.start();
            return Date.now();
          },
          `the private Postgres stopped (pg_ctl -m fast: connections cut) at the 1/3 mark, started again ${PG_DOWN_MS / 1000} s later`,
        ),
      );
    }
    if (want('worker-kill')) {
      reports.push(
        await runWebhookDrill(
          rig,
          'worker-kill',
          `${run}b`,
          async () => {
            for (const w of rig.workers.splice(0)) w.kill('SIGKILL');
            rig.workers.push(await startWorker(rig.workerEnv));
            return Date.now();
          },
          'the worker SIGKILLed mid-job at the 1/3 mark, a new one started at once',
        ),
      );
    }
    if (want('redis-replaced')) {
      reports.push(
        await runWebhookDrill(
          rig,
          'redis-replaced',
          `${run}c`,
          async () => {
            const old = redis.child;
            await new Promise<void>((ok) => {
              old.once('exit', () => ok());
              old.kill('SIGKILL');
            });
            rmSync(join(redis.dir, 'dump.rdb'), { force: true });
            redis.child = await startRedis(redis.port, redis.dir);
            return Date.now();
          },
          'Redis SIGKILLed at the 1/3 mark and replaced by an empty one on the same port (jobs and repeatable schedules gone); the worker keeps running',
        ),
      );
    }
    if (want('provider-503') || want('reports-never-sent')) {
      // Reconciliation through the live Vapi adapter: a live-mode worker whose VAPI_BASE_URL is the stub
      // (the sandbox worker goes: it would answer from the simulator). Nothing else of it calls out here.
      progress('replacing the sandbox worker by a live-mode one (Vapi: the local stub)');
      for (const w of rig.workers.splice(0)) await stopProcess(w);
      const metricsPort = await freePort();
      rig.workers.push(
        await startWorker({
          ...env,
          PROVIDERS: 'live',
          HOST: '127.0.0.1',
          METRICS_PORT: String(metricsPort),
          VAPI_BASE_URL: stub.url,
          VAPI_API_KEY: 'vapi_drill_key',
          VAPI_WEBHOOK_SECRET: 'vapi_drill_secret_0123456789',
          STRIPE_API_KEY: 'sk_test_drill_not_used',
          TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
          TWILIO_AUTH_TOKEN: 'twilio_drill_token_0123456789',
          // Live mode needs a mail server; nothing here sends mail (a closed local port if it did).
          SMTP_URL: 'smtp://127.0.0.1:9',
        }),
      );
      if (want('provider-503')) {
        const r = await runCallsDrill(rig, 'provider-503', `${run}e`, businessId, stub, metricsPort, PROVIDER_OUTAGE_MS);
        r.note = `${CALLS} calls left open (report never sent, placed ${CALL_AGE_MS / 60_000} min before), the Vapi API answering 503 for ${PROVIDER_OUTAGE_MS / 1000} s; breaker vapi:get_call: opened ${r.breaker!.opens}×, closed ${r.breaker!.closes}×, ${r.breaker!.rejected} calls failed fast (no request), ${r.breaker!.refusedByStub} requests answered 503`;
        reports.push(r);
      }
      if (want('reports-never-sent')) {
        const r = await runCallsDrill(rig, 'reports-never-sent', `${run}f`, businessId, stub, metricsPort, 0);
        r.note = `${CALLS} calls left open, their end-of-call report never sent (clock offset: created ${CALL_AGE_MS / 60_000} min before); longest placement-to-closed ${r.longestOpenMs === null ? 'n/a' : `${(r.longestOpenMs / 60_000).toFixed(2)} min`} (goal ≤ 10 min)`;
        reports.push(r);
      }
    }
  } finally {
    progress('stopping');
    await rig.db?.end().catch(() => undefined);
    await rig.api.stop();
    for (const w of rig.workers) await stopProcess(w);
    await stopProcess(redis.child);
    await new Promise((ok) => stub.server.close(() => ok(undefined)));
    await pg.stop().catch((err) => console.error(err));
    rmSync(dir, { recursive: true, force: true });
    rmSync(pg.dir, { recursive: true, force: true });
  }
  console.log(`\nDrills: webhook drills ${EVENTS} signed Stripe webhooks at ${RATE}/s each; provider drills ${CALLS} open calls; drain deadline ${DRAIN_TIMEOUT_MS / 1000} s after recovery.`);
  console.table(
    reports.map((r) => ({
      drill: r.drill,
      sent: r.sent,
      acknowledged: r.acknowledged,
      'resent by provider': r.retriedByProvider,
      processed: r.processed,
      failed: r.failed,
      lost: r.lost,
      duplicated: r.duplicated,
      're-attempted': r.reattempted,
      'drain after recovery (s)': r.drainSeconds ?? `> ${DRAIN_TIMEOUT_MS / 1000} (not drained)`,
    })),
  );
  for (const r of reports) console.log(`- ${r.drill}: ${r.note}`);
  console.log(`Total: ${Math.round((Date.now() - startedAt) / 1000)} s.`);
  const ok = reports.every(
    (r) =>
      r.lost === 0 &&
      r.duplicated === 0 &&
      r.acknowledged === r.sent &&
      r.drainSeconds !== null &&
      r.drainSeconds <= 120 &&
      (r.longestOpenMs === undefined || (r.longestOpenMs !== null && (r.drill !== 'reports-never-sent' || r.longestOpenMs <= RECONCILE_GOAL_MS))),
  );
  process.exit(ok ? 0 : 1);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
