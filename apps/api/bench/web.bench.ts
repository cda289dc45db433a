import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { prepareBenchDatabase, repoRoot, startApiProcess } from './support';

/**
 * The landing page as a visitor's phone gets it (issue 18, item 7):
 * - its initial JavaScript: every script and modulepreload that the built index.html names (what
 *   the browser fetches before the router can render `/`), gzip-compressed as a server sends it;
 *   budget ≤ 150 KB. The pages behind other routes are chunks of their own, fetched on their first visit.
 * - Lighthouse (the pinned devDependency, its default mobile preset: simulated slow 4G and a
 *   4× slower CPU) on `/` served by the built API, in the system Chromium: performance and
 *   accessibility scores, budget ≥ 95 each.
 */

const WEB_DIST = resolve(repoRoot, 'dist/apps/web');
/** Lighthouse's whole JSON report of the last run, for its opportunities and diagnostics (.tmp is not committed). */
export const LIGHTHOUSE_REPORT = resolve(repoRoot, '.tmp/bench/lighthouse-landing.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface InitialScript {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface WebBenchResult {
  scripts: InitialScript[];
  initialJsGzipBytes: number;
  initialJsBytes: number;
  performance: number;
  accessibility: number;
  /** Lighthouse's metrics behind the performance score, in ms (CLS unitless). */
  metrics: { fcpMs: number; lcpMs: number; tbtMs: number; cls: number; speedIndexMs: number };
  /** The audits that cost points, by title, for the line that says what to fix. */
  failedAudits: string[];
}

/** The scripts and modulepreloads the built index.html references (its entry and what the entry imports statically). */
export function initialScripts(dist = WEB_DIST): InitialScript[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    const isPreload = /\brel="modulepreload"/.test(tag);
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (tag.startsWith('<script') && src) refs.add(src);
    else if (isPreload && href) refs.add(href);
  }
  return [...refs].map((ref) => {
    const body = readFileSync(join(dist, ref.replace(/^\//, '')));
    return { file: ref, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
}

function runLighthouse(url: string): Promise<Record<string, unknown>> {
  const cli = resolve(repoRoot, 'node_modules/lighthouse/cli/index.js');
  const args = [
    cli,
    url,
    '--output=json',
    '--output-path=stdout',
    '--only-categories=performance,accessibility',
    '--quiet',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync',
  ];
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`lighthouse exited with ${code}`));
      try {
        const report = JSON.parse(out) as Record<string, unknown>;
        mkdirSync(dirname(LIGHTHOUSE_REPORT), { recursive: true });
        writeFileSync(LIGHTHOUSE_REPORT, out);
        ok(report);
      } catch (err) {
        fail(err as Error);
      }
    });
  });
}

interface LighthouseReport {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { title: string; score: number | null; numericValue?: number; scoreDisplayMode: string }>;
}

export async function runWebBench(): Promise<WebBenchResult> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST}/index.html is missing: build the web first (npm run bench builds it)`);
  const scripts = initialScripts();

  const databaseUrl = await prepareBenchDatabase();
  const api = await startApiProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15', WEB_DIST, LOG_LEVEL: 'warn' });
  let report: LighthouseReport;
  try {
    // localhost, not 127.0.0.1: the address a browser on this machine would use for the app.
    report = (await runLighthouse(`${api.url.replace('127.0.0.1', 'localhost')}/`)) as unknown as LighthouseReport;
  } finally {
    await api.stop();
  }

  const score = (category: string) => Math.round((report.categories[category]?.score ?? 0) * 100);
  const numeric = (id: string) => Math.round(report.audits[id]?.numericValue ?? NaN);
  const failedAudits = Object.values(report.categories)
    .flatMap((c) => c.auditRefs.filter((ref) => ref.weight > 0).map((ref) => report.audits[ref.id]))
    .filter((a) => a && a.scoreDisplayMode !== 'notApplicable' && a.score !== null && a.score < 0.9)
    .map((a) => `${a.title} (${Math.round((a.score ?? 0) * 100)})`);
  return {
    scripts,
    initialJsGzipBytes: scripts.reduce((sum, s) => sum + s.gzipBytes, 0),
    initialJsBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
    performance: score('performance'),
    accessibility: score('accessibility'),
    metrics: {
      fcpMs: numeric('first-contentful-paint'),
      lcpMs: numeric('largest-contentful-paint'),
      tbtMs: numeric('total-blocking-time'),
      cls: Number((report.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)),
      speedIndexMs: numeric('speed-index'),
    },
    failedAudits,
  };
}
