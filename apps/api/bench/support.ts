import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { withNodeOptions } from '../src/runtime-options';

export const repoRoot = resolve(__dirname, '../../..');

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

export async function waitForHttp(url: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`);
}

/** Runs autocannon against a URL and keeps the figures we report. */
export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 50, duration: 5, ...options });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A bench database built by the real migrations (created on first use; with `fresh`, dropped and
 * built again: for a bench whose data must agree with a Redis it starts empty; with `url`, on that
 * server, e.g. the drill's private Postgres).
 */
export async function prepareBenchDatabase(name = 'beaker_bench', options: { fresh?: boolean; url?: string } = {}): Promise<string> {
  const url = new URL(options.url ?? process.env.BENCH_DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/${name}`);
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  if (options.fresh) await client.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [url.pathname.slice(1)]);
  if (!rowCount) await client.query(`CREATE DATABASE "${url.pathname.slice(1)}"`);
  await client.end();
  await run(process.execPath, [resolve(repoRoot, 'dist/apps/api/database/cli.js'), 'migrate'], { DATABASE_URL: url.toString() });
  return url.toString();
}

function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

/** Starts the built API (dist/apps/api/main.js) as its own process, as production runs it. */
export async function startApiProcess(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [resolve(repoRoot, 'dist/apps/api/main.js')], {
    cwd: repoRoot,
    // With the Node.js options production runs it with (apps/api/src/runtime-options.ts); the
    // simulators, which production runs only when PROVIDERS=sandbox says so.
    env: { ...withNodeOptions(process.env), NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', PORT: String(port), APP_URL: url, HOST: '127.0.0.1', LOG_LEVEL: 'info', WORKERS: 'off', ...env },
    // Request logs are written as in production, to a sink that costs what a pipe costs.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForHttp(`${url}/health/live`);
  return { url, stop: () => stopProcess(child) };
}

/** Starts the built job worker (dist/apps/api/worker.js) as its own process, as production runs it; resolves once its processors run. */
export async function startWorkerProcess(env: Record<string, string>): Promise<{ stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [resolve(repoRoot, 'dist/apps/api/worker.js')], {
    cwd: repoRoot,
    env: { ...withNodeOptions(process.env), NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'bench-session-secret-0123456789abcdef', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ok, fail) => {
    let started = false;
    let seen = '';
    const timer = setTimeout(() => fail(new Error('the worker did not start its processors within 30 s')), 30_000);
    // Its log is read to the end (a full pipe would stall it); the line WorkerService writes once its processors run is the signal.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (started) return;
      seen = (seen + chunk.toString()).slice(-10_000);
      if (/"msg":"processing /.test(seen)) {
        started = true;
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the worker exited with ${code} while starting`));
    });
  });
  return { stop: () => stopProcess(child) };
}

/** A redis-server of the bench's own (nothing kept on disk), so the queues it fills are thrown away afterwards. */
export async function startPrivateRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  const url = `redis://127.0.0.1:${port}/0`;
  for (;;) {
    const up = await new Promise<boolean>((ok) => {
      const probe = spawn('redis-cli', ['-p', String(port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      probe.stdout.on('data', (d) => (out += d));
      probe.on('exit', () => ok(out.includes('PONG')));
    });
    if (up) return { url, child };
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (child.exitCode !== null) return ok();
    child.once('exit', () => ok());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10000).unref();
  });
}

/** The p-th percentile of ascending `sorted` (nearest rank); NaN when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface LatencyRound {
  /** Every response's latency, in ms (not autocannon's histogram buckets). */
  latencies: number[];
  rps: number;
  /** Non-200 answers, errors and timeouts. */
  failures: number;
}

type Tracker = Promise<autocannon.Result> & { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void };

/** One autocannon round that records the latency of every response. */
export async function latencyRound(url: string, requests: autocannon.Request[], connections: number, seconds: number): Promise<LatencyRound> {
  const latencies: number[] = [];
  let failures = 0;
  const tracker = autocannon({ url, connections, duration: seconds, requests }) as unknown as Tracker;
  tracker.on('response', (_client, status, _bytes, ms) => {
    if (status !== 200) failures++;
    latencies.push(ms);
  });
  const result = await tracker;
  return { latencies, rps: result.requests.average, failures: failures + result.errors + result.timeouts };
}

/** p50/p95/p99 and req/s of each round; the figures are their medians across rounds. */
export class RoundStats {
  private readonly p50: number[] = [];
  private readonly p95: number[] = [];
  private readonly p99: number[] = [];
  private readonly rps: number[] = [];

  add(round: LatencyRound): void {
    const sorted = [...round.latencies].sort((a, b) => a - b);
    this.p50.push(percentile(sorted, 50));
    this.p95.push(percentile(sorted, 95));
    this.p99.push(percentile(sorted, 99));
    this.rps.push(round.rps);
  }

  summary(): { p50Ms: number; p95Ms: number; p99Ms: number; requestsPerSecond: number } {
    const round2 = (n: number) => Math.round(n * 100) / 100;
    return { p50Ms: round2(median(this.p50)), p95Ms: round2(median(this.p95)), p99Ms: round2(median(this.p99)), requestsPerSecond: Math.round(median(this.rps)) };
  }
}
