import { relative } from 'node:path';
import { runFrameworkBench } from './framework.bench';
import { runComplianceEndpointBench } from './compliance-endpoint.bench';
import { runComplianceEvaluateBench } from './compliance-evaluate.bench';
import { runTrialCallBench } from './trial-call.bench';
import { runCallsListBench } from './calls-list.bench';
import { runWebhookIngestionBench } from './webhook-ingestion.bench';
import { runSpeedToLeadBench } from './speed-to-lead.bench';
import { runAdminSearchBench } from './admin-search.bench';
import { runOutboundWebhooksBench } from './outbound-webhooks.bench';
import { LIGHTHOUSE_REPORT, runWebBench } from './web.bench';
import { runAnalyticsBench } from './analytics.bench';

interface Figure {
  name: string;
  value: string;
  budget: string;
  ok: boolean;
}

type Bench = { name: string; run: () => Promise<Figure[]> };

/** Every benchmark of `npm run bench`: figures are ratios to baselines measured in the same run. */
const benches: Bench[] = [
  {
    name: 'framework',
    run: async () => {
      const r = await runFrameworkBench();
      return [
        {
          name: 'validated GET through the Nest pipeline vs bare Fastify',
          value: `${r.ratio.toFixed(2)}× (median of ${r.rounds} rounds, ${r.ratioRange[0].toFixed(2)}–${r.ratioRange[1].toFixed(2)}; ${Math.round(r.nestRps)} vs ${Math.round(r.bareFastifyRps)} req/s, p99 ${r.nestP99Ms} ms)`,
          budget: '≥ 0.50×',
          ok: r.ratio >= 0.5,
        },
      ];
    },
  },
  {
    name: 'compliance-evaluate',
    run: async () => {
      const r = await runComplianceEvaluateBench();
      return [
        {
          name: 'compliance evaluate() on one thread',
          value: `${r.evaluationsPerSecond.toLocaleString('en-US')} evaluations/s`,
          budget: '≥ 50,000/s',
          ok: r.evaluationsPerSecond >= 50_000,
        },
      ];
    },
  },
  {
    name: 'compliance-endpoint',
    run: async () => {
      const r = await runComplianceEndpointBench();
      return [
        {
          name: `POST /v1/compliance/evaluate p95 (member session, ${r.connections} connections)`,
          value: `${r.p95Ms} ms (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.requestsPerSecond} req/s; same rounds: public GET p95 ${r.baselineP95Ms} ms, signed-in GET /v1/me p95 ${r.signedInBaselineP95Ms} ms)`,
          budget: '≤ 20 ms',
          ok: r.p95Ms <= 20,
        },
      ];
    },
  },
  {
    name: 'trial-call',
    run: async () => {
      const r = await runTrialCallBench();
      const refused = Object.entries(r.refused).map(([code, n]) => `${n} ${code}`).join(', ');
      return [
        {
          name: `"Call me" until placeCall is invoked, p95 with ${r.concurrent} concurrent trials`,
          value: `${r.p95Ms} ms (p50 ${r.p50Ms} ms, max ${r.maxMs} ms; 202 received p95 ${r.responseP95Ms} ms; ${r.samples} calls${refused ? `; refused: ${refused}` : ''})`,
          budget: '≤ 300 ms, none refused',
          ok: r.p95Ms <= 300 && refused === '',
        },
      ];
    },
  },
  {
    name: 'calls-list',
    run: async () => {
      const r = await runCallsListBench();
      const seqScans = Object.entries(r.plans).filter(([, plan]) => /Seq Scan/.test(plan)).map(([shape]) => shape);
      return [
        {
          name: `GET /v1/businesses/:id/calls p95 (owner session, ${r.connections} connections, ${r.callsInTable.toLocaleString('en-US')} calls in the table)`,
          value: `${r.p95Ms} ms (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.requestsPerSecond} req/s = ${(r.requestsPerSecond / r.bareFastifyRps).toFixed(3)}× bare Fastify's ${r.bareFastifyRps}${seqScans.length ? `; Seq Scan for: ${seqScans.join(', ')}` : ''})`,
          budget: '≤ 50 ms, no Seq Scan',
          ok: r.p95Ms <= 50 && seqScans.length === 0 && r.callsInTable >= 1_000_000,
        },
      ];
    },
  },
  {
    name: 'webhook-ingestion',
    run: async () => {
      const r = await runWebhookIngestionBench();
      const intact = r.failures === 0 && r.rowsStored >= r.acknowledged;
      return [
        {
          name: `signed Stripe deliveries acknowledged at saturation vs single-row INSERTs (raw pg), ${r.connections} connections`,
          value: `${r.ratio.toFixed(2)}× (${r.ingestionPerSecond} vs ${r.pgInsertsPerSecond} per second; p99 ${r.saturationP99Ms} ms, INSERT p99 ${r.pgInsertP99Ms} ms)`,
          budget: '≥ 0.50×',
          ok: r.ratio >= 0.5,
        },
        {
          name: `webhook p99 at half the INSERT rate (${r.halfRate}/s offered, ${r.halfRateAchieved}/s achieved)`,
          value: `${r.halfRateP99Ms} ms (p50 ${r.halfRateP50Ms} ms)`,
          budget: '≤ 50 ms',
          ok: r.halfRateP99Ms <= 50,
        },
        {
          name: 'every acknowledged delivery stored, none refused',
          value: `${r.acknowledged} acknowledged, ${r.rowsStored} rows, ${r.failures} refused or failed`,
          budget: 'all stored, 0 refused',
          ok: intact,
        },
      ];
    },
  },
  {
    name: 'speed-to-lead',
    run: async () => {
      const r = await runSpeedToLeadBench();
      const refused = Object.entries(r.refused).map(([code, n]) => `${n} ${code}`).join(', ');
      const statuses = Object.entries(r.statuses).map(([status, n]) => `${n} ${status}`).join(', ');
      const shifted = r.clockOffsetMs ? `; clocks shifted ${(r.clockOffsetMs / 3_600_000).toFixed(1)} h to US calling hours, NODE_ENV=test` : '';
      return [
        {
          name: `lead pushed (POST /v1/leads) → placeCall invoked, ${r.rate} leads/s for ${r.seconds} s over ${r.businesses} businesses, API + worker processes`,
          value: `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms (p90 ${r.p90Ms} ms, max ${r.maxMs} ms; 202 received p50 ${r.responseP50Ms} ms, p99 ${r.responseP99Ms} ms; ${r.achievedRate} leads/s sent${shifted})`,
          budget: 'p50 ≤ 150 ms, p99 ≤ 500 ms',
          ok: r.p50Ms <= 150 && r.p99Ms <= 500,
        },
        {
          name: `every lead called once (${r.retries} of ${r.leads} sent again with the same Idempotency-Key)`,
          value: `${r.lost} lost, ${r.calledTwice} called twice, ${r.retryMismatches} retries answered with another lead${refused ? `, refused: ${refused}` : ''} (leads: ${statuses})`,
          budget: '0 lost, 0 twice, 0 refused',
          ok: r.lost === 0 && r.calledTwice === 0 && r.retryMismatches === 0 && refused === '',
        },
        {
          name: 'the lead form script as GET /embed/v1.js serves it, gzip',
          value: `${(r.embedGzipBytes / 1024).toFixed(2)} KB (${(r.embedBytes / 1024).toFixed(1)} KB raw)`,
          budget: '≤ 15 KB',
          ok: r.embedGzipBytes <= 15 * 1024,
        },
      ];
    },
  },
  {
    name: 'admin-search',
    run: async () => {
      const r = await runAdminSearchBench();
      const scanned = Object.entries(r.seqScans).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`);
      return [
        {
          name: `GET /v1/admin/search p95 (staff session, ${r.connections} connections, ${r.queries} kinds of query; ${r.usersInTable.toLocaleString('en-US')} users, ${r.callsInTable.toLocaleString('en-US')} calls)`,
          value: `${r.p95Ms} ms (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.requestsPerSecond} req/s; one connection: p95 ${r.singleConnectionP95Ms} ms; same rounds: signed-in GET /v1/me p95 ${r.baselineP95Ms} ms${scanned.length ? `; Seq Scans: ${scanned.join(', ')}` : ''})`,
          budget: '≤ 50 ms, no Seq Scan on a big table',
          ok: r.p95Ms <= 50 && scanned.length === 0 && r.usersInTable >= 100_000 && r.callsInTable >= 1_000_000,
        },
      ];
    },
  },
  {
    name: 'outbound-webhooks',
    run: async () => {
      const r = await runOutboundWebhooksBench();
      return [
        {
          name: `lead.created committed → received by a local endpoint answering 200, p99 (${r.events} events at ${r.offeredPerSecond}/s)`,
          value: `${r.p99Ms} ms (p50 ${r.p50Ms} ms, max ${r.maxMs} ms)`,
          budget: '≤ 1000 ms',
          ok: r.p99Ms <= 1000,
        },
        {
          name: 'every event delivered once, signed',
          value: `${r.events} committed, ${r.delivered} delivered, ${r.lost} lost, ${r.duplicates} doubled, ${r.badSignatures} bad signatures, ${r.refusedPushes} pushes refused`,
          budget: '1000 committed and delivered, 0 lost, 0 doubled',
          ok: r.events === 1000 && r.delivered === r.events && r.lost === 0 && r.duplicates === 0 && r.badSignatures === 0 && r.refusedPushes === 0,
        },
      ];
    },
  },
  {
    name: 'web',
    run: async () => {
      const r = await runWebBench();
      const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
      const m = r.metrics;
      return [
        {
          name: `the landing page's initial JavaScript, gzip (${r.scripts.length} file${r.scripts.length === 1 ? '' : 's'} that index.html names: ${r.scripts.map((s) => `${s.file} ${kb(s.gzipBytes)}`).join(', ')})`,
          value: `${kb(r.initialJsGzipBytes)} (${kb(r.initialJsBytes)} raw)`,
          budget: '≤ 150 KB',
          ok: r.initialJsGzipBytes <= 150 * 1024,
        },
        {
          name: `Lighthouse performance, landing page, mobile preset (Chromium; the report: ${relative(process.cwd(), LIGHTHOUSE_REPORT)})`,
          value: `${r.performance} (FCP ${m.fcpMs} ms, LCP ${m.lcpMs} ms, TBT ${m.tbtMs} ms, CLS ${m.cls}, Speed Index ${m.speedIndexMs} ms${r.failedAudits.length ? `; below 90: ${r.failedAudits.join(', ')}` : ''})`,
          budget: '≥ 95',
          ok: r.performance >= 95,
        },
        {
          name: 'Lighthouse accessibility, landing page, mobile preset (Chromium)',
          value: String(r.accessibility),
          budget: '≥ 95',
          ok: r.accessibility >= 95,
        },
      ];
    },
  },
  {
    name: 'analytics',
    run: async () => {
      const r = await runAnalyticsBench();
      return [
        {
          name: `GET /v1/businesses/:id/analytics p95 (owner session, ${r.connections} connections, ${r.snapshotsOfBusiness} days of snapshots, ${r.callsOfBusiness.toLocaleString('en-US')} calls of the business)`,
          value: `${r.p95Ms} ms (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.requestsPerSecond} req/s)`,
          budget: '≤ 30 ms',
          ok: r.p95Ms <= 30 && r.callsOfBusiness >= 1_000_000 && r.snapshotsOfBusiness >= 365,
        },
      ];
    },
  },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const figures: Figure[] = [];
  for (const bench of benches) {
    if (only.length && !only.includes(bench.name)) continue;
    console.log(`\n▶ ${bench.name}`);
    const result = await bench.run();
    for (const f of result) console.log(`  ${f.ok ? '✓' : '✗'} ${f.name}: ${f.value} (budget ${f.budget})`);
    figures.push(...result);
  }
  console.log('\nSummary');
  for (const f of figures) console.log(`  ${f.ok ? 'within budget' : 'OVER BUDGET  '}  ${f.name}: ${f.value}`);
  process.exitCode = figures.every((f) => f.ok) ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
