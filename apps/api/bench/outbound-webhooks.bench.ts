import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client } from 'pg';
import { hashSecret, randomSecret } from '../src/common/crypto';
import { newSigningSecret, SecretBox } from '../src/common/secret-box';
import { percentile, prepareBenchDatabase, startApiProcess, startPrivateRedis, startWorkerProcess, stopProcess } from './support';

/**
 * Outbound webhooks (issue 20): EVENTS leads pushed through POST /v1/leads (without consent, so
 * none is called: each is `lead.created` in the capture's transaction) reach a local receiver that
 * answers 200. The figure is, per event, the receiver's arrival time minus the event's `created`
 * (stamped inside the transaction, before its commit: an upper bound of commit → delivery), p99;
 * and every event delivered exactly once (by id), each signature valid.
 *
 * The API and the job worker run as their own processes (the built dist, as production runs them:
 * the event crosses from one to the other through the queue) with a private redis-server and a
 * fresh database; the leads are offered at RATE per second from CONCURRENCY connections.
 */

const EVENTS = Number(process.env.BENCH_OUTBOUND_EVENTS ?? 1000);
const RATE = Number(process.env.BENCH_OUTBOUND_RATE ?? 100);
const CONCURRENCY = 10;
const SESSION_SECRET = 'bench-session-secret-0123456789abcdef';
/** API keys allow 600 requests a minute each: the leads are spread over enough keys. */
const KEYS = 4;

export interface OutboundWebhooksBenchResult {
  events: number;
  offeredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  delivered: number;
  duplicates: number;
  lost: number;
  badSignatures: number;
  refusedPushes: number;
}

function verify(header: string, body: string, secret: string): boolean {
  const parts = header.split(',');
  const t = parts.find((p) => p.startsWith('t='))?.slice(2);
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return parts.some((p) => p === `v1=${expected}`);
}

export async function runOutboundWebhooksBench(): Promise<OutboundWebhooksBenchResult> {
  const databaseUrl = await prepareBenchDatabase('beaker_bench_webhooks', { fresh: true });
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();

  // The receiver: arrival time per event id, and every signature checked.
  const secret = newSigningSecret();
  const arrivals = new Map<string, number>();
  let duplicates = 0;
  let badSignatures = 0;
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as { id: string; created: string };
      if (!verify(String(req.headers['beaker-signature']), body, secret)) badSignatures++;
      if (arrivals.has(event.id)) duplicates++;
      else arrivals.set(event.id, at - Date.parse(event.created));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`;

  // A business, its API keys, and its endpoint (the secret sealed as the app seals it).
  const run = randomSecret(6).toLowerCase();
  const [business] = (await db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ($1, 'pro', 500) RETURNING id`, [`Bench Webhooks ${run}`])).rows;
  const keys: string[] = [];
  for (let i = 0; i < KEYS; i++) {
    const key = `bk_test_${randomSecret(32)}`;
    await db.query(`INSERT INTO api_keys (business_id, name, prefix, key_hash, created_at) VALUES ($1, $2, $3, $4, now())`, [business.id, `bench ${i}`, key.slice(0, 12), hashSecret(key)]);
    keys.push(key);
  }
  const box = new SecretBox({ sessionSecret: SESSION_SECRET });
  const [endpoint] = (
    await db.query(
      `INSERT INTO webhook_endpoints (business_id, url, event_types, enabled, created_at, updated_at) VALUES ($1, $2, '{lead.created}', true, now(), now()) RETURNING id`,
      [business.id, receiverUrl],
    )
  ).rows;
  await db.query(`INSERT INTO webhook_endpoint_secrets (endpoint_id, secret_ciphertext, created_at) VALUES ($1, $2, now())`, [endpoint.id, box.seal(secret)]);

  const redis = await startPrivateRedis();
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, WEBHOOK_URL_POLICY: 'local', SESSION_SECRET };
  const worker = await startWorkerProcess(env);
  const api = await startApiProcess({ ...env, LOG_LEVEL: 'warn' });
  let refusedPushes = 0;
  try {
    // Offered at RATE per second: lead i leaves at start + i / RATE.
    const start = Date.now();
    let next = 0;
    const pusher = async () => {
      while (next < EVENTS) {
        const i = next++;
        const wait = start + (i * 1000) / RATE - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const res = await fetch(`${api.url}/v1/leads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${keys[i % KEYS]}`, 'content-type': 'application/json' },
          // A phone of its own (the same phone within 10 minutes would be the same lead).
          body: JSON.stringify({ phone: `+1305555${String(1000 + i).padStart(4, '0')}`, name: `Bench lead ${i}` }),
        });
        if (res.status !== 202) refusedPushes++;
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, pusher));
    const deadline = Date.now() + 60_000;
    while (arrivals.size < EVENTS - refusedPushes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // A moment more: a late duplicate would show here.
    await new Promise((r) => setTimeout(r, 2000));
  } finally {
    await api.stop();
    await worker.stop();
    await stopProcess(redis.child);
    receiver.closeAllConnections();
    await new Promise((ok) => receiver.close(ok));
  }
  const [{ n: committed }] = (await db.query(`SELECT count(*)::int AS n FROM outbound_events WHERE business_id = $1 AND type = 'lead.created'`, [business.id])).rows;
  await db.end();
  const latencies = [...arrivals.values()].sort((a, b) => a - b);
  return {
    events: committed,
    offeredPerSecond: RATE,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? NaN,
    delivered: arrivals.size,
    duplicates,
    lost: committed - arrivals.size,
    badSignatures,
    refusedPushes,
  };
}
