import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { signStripePayload } from '../src/integrations/stripe/stripe.webhook-signature';
import { prepareBenchDatabase, startApiProcess, startPrivateRedis, stopProcess } from './support';

/**
 * Webhook ingestion (issue 5): signed Stripe events at saturation through the whole path
 * (verify on the raw body, durable INSERT, enqueue, 200), against the rate of single-row
 * INSERTs of the same row into the same Postgres at the same concurrency (a raw `pg` loop,
 * pgbench-style), measured in the same run. Budget: ≥ 0.5 × that rate, and p99 ≤ 50 ms when
 * delivered at half that rate.
 *
 * The API runs as its own process (the built dist, WORKERS=off: ingestion only), with a private
 * redis-server so that the queue it fills is thrown away afterwards. Every request carries a new
 * event id, so none is a duplicate.
 */

const SECRET = 'whsec_bench_only_0123456789';
const CONNECTIONS = Number(process.env.BENCH_WEBHOOK_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_WEBHOOK_SECONDS ?? 10);

export interface WebhookIngestionBenchResult {
  connections: number;
  /** Single-row INSERT … ON CONFLICT DO NOTHING of the same row, raw pg, same concurrency. */
  pgInsertsPerSecond: number;
  /** The baseline's own p99 per INSERT (a commit): context for the latency figure. */
  pgInsertP99Ms: number;
  /** Signed deliveries acknowledged per second at saturation. */
  ingestionPerSecond: number;
  ratio: number;
  saturationP99Ms: number;
  /** Deliveries per second offered for the latency measurement: half the pg rate. */
  halfRate: number;
  halfRateAchieved: number;
  halfRateP50Ms: number;
  halfRateP99Ms: number;
  /** Anything but 200 (must be 0), and rows stored vs deliveries acknowledged (must be equal). */
  failures: number;
  rowsStored: number;
  acknowledged: number;
  ok: boolean;
}

function stripeEventBody(id: string): string {
  return JSON.stringify({
    id,
    object: 'event',
    api_version: '2025-03-31.basil',
    created: 1764288000,
    type: 'invoice.paid',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: 'in_1QbenchInvoice',
        object: 'invoice',
        customer: 'cus_bench',
        subscription: 'sub_bench',
        amount_paid: 2900,
        currency: 'usd',
        status: 'paid',
        lines: { object: 'list', data: [{ id: 'il_1', amount: 2900, description: '1 × Beaker Starter' }] },
      },
    },
  });
}

/** A new, correctly signed delivery for each request autocannon sends. */
function deliveries(prefix: string): autocannon.Request {
  let n = 0;
  return {
    method: 'POST',
    path: '/webhooks/stripe',
    setupRequest: (request) => {
      const body = stripeEventBody(`evt_${prefix}_${n++}`);
      const signature = signStripePayload(SECRET, body, Math.floor(Date.now() / 1000));
      return { ...request, body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
    },
  };
}

/** The baseline: CONNECTIONS loops, each inserting the same kind of row one by one, for SECONDS. */
async function pgInsertRate(databaseUrl: string): Promise<{ rate: number; p99Ms: number }> {
  const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const prefix = randomBytes(4).toString('hex');
  let count = 0;
  let n = 0;
  const latencies: number[] = [];
  const insert = (id: string) =>
    pool.query({
      name: 'bench-single-insert',
      text: `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, received_at, updated_at)
             VALUES ('stripe', $1, 'invoice.paid', $2::jsonb, 'pending', now(), now()) ON CONFLICT (provider, event_id) DO NOTHING`,
      values: [id, stripeEventBody(id)],
    });
  // Warm the pool and the plan.
  await Promise.all(Array.from({ length: CONNECTIONS }, () => insert(`evt_pgwarm_${prefix}_${n++}`)));
  const started = Date.now();
  const end = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < end) {
        const at = performance.now();
        await insert(`evt_pg_${prefix}_${n++}`);
        latencies.push(performance.now() - at);
        count++;
      }
    }),
  );
  const rate = count / ((Date.now() - started) / 1000);
  await pool.end();
  latencies.sort((a, b) => a - b);
  return { rate, p99Ms: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0) };
}

export async function runWebhookIngestionBench(): Promise<WebhookIngestionBenchResult> {
  const databaseUrl = await prepareBenchDatabase();
  const redis = await startPrivateRedis();
  const api = await startApiProcess({
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    STRIPE_WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: process.env.BENCH_WEBHOOK_LOG_LEVEL ?? 'silent',
  });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const prefix = randomBytes(4).toString('hex');

    // Warm-up: JIT, pools, prepared statements.
    await autocannon({ url: api.url, connections: CONNECTIONS, duration: 2, requests: [deliveries(`${prefix}w`)] });

    const { rate: pgInsertsPerSecond, p99Ms: pgInsertP99Ms } = await pgInsertRate(databaseUrl);

    const saturation = await autocannon({ url: api.url, connections: CONNECTIONS, duration: SECONDS, requests: [deliveries(`${prefix}s`)] });
    const ingestionPerSecond = saturation.requests.average;

    const halfRate = Math.max(1, Math.round(pgInsertsPerSecond / 2));
    const paced = await autocannon({ url: api.url, connections: CONNECTIONS, duration: SECONDS, overallRate: halfRate, requests: [deliveries(`${prefix}h`)] });

    const runs = [saturation, paced];
    // autocannon counts 2xx answers under '2xx' (not in our type declarations).
    const acknowledged = runs.reduce((sum, r) => sum + (r as unknown as { '2xx': number })['2xx'], 0);
    const failures = runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE event_id LIKE $1 OR event_id LIKE $2`, [
      `evt_${prefix}s_%`,
      `evt_${prefix}h_%`,
    ]);
    const stored = rows[0].n as number;
    const ratio = ingestionPerSecond / pgInsertsPerSecond;
    return {
      connections: CONNECTIONS,
      pgInsertsPerSecond: Math.round(pgInsertsPerSecond),
      pgInsertP99Ms,
      ingestionPerSecond: Math.round(ingestionPerSecond),
      ratio: Math.round(ratio * 100) / 100,
      saturationP99Ms: saturation.latency.p99,
      halfRate,
      halfRateAchieved: Math.round(paced.requests.average),
      halfRateP50Ms: paced.latency.p50,
      halfRateP99Ms: paced.latency.p99,
      failures,
      rowsStored: stored,
      acknowledged,
      ok: ratio >= 0.5 && paced.latency.p99 <= 50 && failures === 0 && stored >= acknowledged,
    };
  } finally {
    await db.end();
    await api.stop();
    await stopProcess(redis.child);
  }
}

if (require.main === module) {
  runWebhookIngestionBench().then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
