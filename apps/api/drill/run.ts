import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { signStripePayload } from '../src/integrations/stripe/stripe.webhook-signature';
import { withNodeOptions } from '../src/runtime-options';
import { freePort, prepareBenchDatabase, repoRoot, stopProcess, waitForHttp } from '../bench/support';

/**
 * `npm run drill` (issue 19, item 3): failure drills against the built API and worker processes, a
 * fresh database (beaker_drill) and a PRIVATE redis-server (never the shared one on 6379). Each
 * drill streams signed Stripe webhooks, breaks something mid-stream, recovers, and reports what was
 * sent, acknowledged (2xx, after provider-style retries), processed (completed or ignored), lost
 * (acknowledged but not processed when the drain deadline passed) and duplicated.
 *
 * Postgres restart is not drilled: the Postgres server on this machine is shared.
 */

const SECRET = 'whsec_drill_only_0123456789';
const EVENTS = Number(process.env.DRILL_EVENTS ?? 1000);
const RATE = Number(process.env.DRILL_RATE ?? 100); // deliveries per second offered
const DRAIN_TIMEOUT_MS = Number(process.env.DRILL_DRAIN_TIMEOUT_MS ?? 180_000);

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'dist/apps/api/worker.js')], {
    cwd: repoRoot,
    env: { ...withNodeOptions(process.env), NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((ok, fail) => {
    let started = false;
    let seen = '';
    const timer = setTimeout(() => fail(new Error('the worker did not start its processors within 120 s')), 120_000);
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
      if (!started) fail(new Error(`the worker exited with ${code} while starting`));
    });
  });
}

/** The built API (WORKERS=off: ingestion only); up to 2 min to come up on a busy machine. */
async function startApi(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [resolve(repoRoot, 'dist/apps/api/main.js')], {
    cwd: repoRoot,
    env: { ...withNodeOptions(process.env), NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', PORT: String(port), APP_URL: url, HOST: '127.0.0.1', WORKERS: 'off', ...env },
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
}

async function counts(db: Client, prefix: string): Promise<Counts> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS rows,
            count(*) FILTER (WHERE status IN ('completed', 'ignored'))::int AS processed,
            count(*) FILTER (WHERE status = 'failed')::int AS failed,
            count(*) FILTER (WHERE status IN ('pending', 'processing'))::int AS unfinished,
            count(*) FILTER (WHERE attempts > 1)::int AS reattempted
       FROM webhook_events WHERE provider = 'stripe' AND event_id LIKE $1`,
    [`evt_${prefix}_%`],
  );
  return rows[0] as Counts;
}

interface DrillReport {
  drill: string;
  sent: number;
  acknowledged: number;
  retriedByProvider: number;
  stored: number;
  processed: number;
  failed: number;
  lost: number;
  duplicated: number;
  reattempted: number;
  drainSeconds: number | null;
  note: string;
}

interface Rig {
  databaseUrl: string;
  db: Client;
  api: { url: string; stop: () => Promise<void> };
  redis: Redis;
  workers: ChildProcess[];
  workerEnv: Record<string, string>;
}

async function drain(rig: Rig, prefix: string, acknowledged: number, recoveredAt: number): Promise<{ c: Counts; drainSeconds: number | null }> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  for (;;) {
    const c = await counts(rig.db, prefix);
    if (c.unfinished === 0 && c.rows >= acknowledged) return { c, drainSeconds: Math.round((Date.now() - recoveredAt) / 100) / 10 };
    if (Date.now() > deadline) return { c, drainSeconds: null };
    await sleep(250);
  }
}

async function runDrill(rig: Rig, name: string, prefix: string, disrupt: (n: number) => void, recovered: () => Promise<number>, note: string): Promise<DrillReport> {
  const s = await stream(rig.api.url, prefix, disrupt);
  const recoveredAt = await recovered();
  const { c, drainSeconds } = await drain(rig, prefix, s.acknowledged, recoveredAt);
  // One row per (provider, event id) is a unique constraint: a delivery can never be stored twice;
  // an effect applied twice would need the handler to run twice to completion, which the
  // processed-state check in the same transaction forbids. Counted as rows above one per id.
  const duplicated = Math.max(0, c.rows - s.sent);
  return {
    drill: name,
    sent: s.sent,
    acknowledged: s.acknowledged,
    retriedByProvider: s.retriedByProvider,
    stored: c.rows,
    processed: c.processed,
    failed: c.failed,
    lost: s.acknowledged - c.processed,
    duplicated,
    reattempted: c.reattempted,
    drainSeconds,
    note,
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (name: string) => only.length === 0 || only.includes(name);
  const databaseUrl = await prepareBenchDatabase('beaker_drill', { fresh: true });
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'beaker-drill-redis-'));
  const redis: Redis = { port, url: `redis://127.0.0.1:${port}/0`, dir, child: await startRedis(port, dir) };
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, STRIPE_WEBHOOK_SECRET: SECRET, LOG_LEVEL: 'info' };
  const db = new Client({ connectionString: databaseUrl });
  const rig: Rig = { databaseUrl, db, api: { url: '', stop: async () => undefined }, redis, workers: [], workerEnv: env };
  const reports: DrillReport[] = [];
  const run = Date.now().toString(36);
  try {
    await db.connect();
    // The business the drill's invoices are for: without it every event would fail ("No business for subscription").
    await db.query(
      `INSERT INTO businesses (name, plan, calls_included, status, stripe_customer_id, stripe_subscription_id) VALUES ('Drill Co', 'starter', 100, 'active', 'cus_drill', 'sub_drill')`,
    );
    rig.api = await startApi({ ...env, LOG_LEVEL: 'silent' });
    rig.workers.push(await startWorker(env));
    if (want('redis-stop')) {
      let stopped: Promise<number> | null = null;
      reports.push(
        await runDrill(
          rig,
          'redis-stop',
          `${run}a`,
          (n) => {
            if (n !== Math.floor(EVENTS / 3) || stopped) return;
            stopped = (async () => {
              const old = redis.child;
              const gone = new Promise<void>((ok) => (old.exitCode !== null ? ok() : old.once('exit', () => ok())));
              await redisCli(redis.port, ['shutdown', 'save']);
              await gone;
              await sleep(10_000);
              redis.child = await startRedis(redis.port, redis.dir);
              return Date.now();
            })();
            stopped?.catch(() => undefined);
          },
          () => stopped ?? Promise.resolve(Date.now()),
          'Redis shut down (data saved) for 10 s at the 1/3 mark, then started again with its data',
        ),
      );
    }
    if (want('worker-kill')) {
      let replaced: Promise<number> | null = null;
      reports.push(
        await runDrill(
          rig,
          'worker-kill',
          `${run}b`,
          (n) => {
            if (n !== Math.floor(EVENTS / 3) || replaced) return;
            replaced = (async () => {
              for (const w of rig.workers.splice(0)) w.kill('SIGKILL');
              rig.workers.push(await startWorker(rig.workerEnv));
              return Date.now();
            })();
            replaced?.catch(() => undefined);
          },
          () => replaced ?? Promise.resolve(Date.now()),
          'the worker SIGKILLed at the 1/3 mark, a new one started at once',
        ),
      );
    }
    if (want('redis-replaced')) {
      let replaced: Promise<number> | null = null;
      reports.push(
        await runDrill(
          rig,
          'redis-replaced',
          `${run}c`,
          (n) => {
            if (n !== Math.floor(EVENTS / 3) || replaced) return;
            replaced = (async () => {
              const old = redis.child;
              await new Promise<void>((ok) => {
                old.once('exit', () => ok());
                old.kill('SIGKILL');
              });
              rmSync(join(redis.dir, 'dump.rdb'), { force: true });
              redis.child = await startRedis(redis.port, redis.dir);
              return Date.now();
            })();
            replaced?.catch(() => undefined);
          },
          () => replaced ?? Promise.resolve(Date.now()),
          'Redis SIGKILLed at the 1/3 mark and replaced by an empty one on the same port (jobs and repeatable schedules gone); the worker keeps running',
        ),
      );
    }
  } finally {
    await db.end().catch(() => undefined);
    await rig.api.stop();
    for (const w of rig.workers) await stopProcess(w);
    await stopProcess(redis.child);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nDrills: ${EVENTS} signed Stripe webhooks at ${RATE}/s each; drain deadline ${DRAIN_TIMEOUT_MS / 1000} s after recovery.`);
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
  console.log('- postgres-restart: not drilled (the Postgres server on this machine is shared).');
  const ok = reports.every((r) => r.lost === 0 && r.duplicated === 0 && r.acknowledged === r.sent);
  process.exit(ok ? 0 : 1);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
