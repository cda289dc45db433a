import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ErrorTracker } from '../../src/common/observability/error-tracker';
import { JobName } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { Metrics } from '../../src/common/observability/metrics';
import { RedisService } from '../../src/common/redis/redis.service';
import { ProviderCircuitBreakers } from '../../src/integrations/resilience/provider-circuit-breakers';
import { ResiliencePolicy } from '../../src/integrations/resilience/resilience.policy';
import { TransientProviderError } from '../../src/integrations/providers.errors';
import { freePort, resetState, startApp, TestApp } from '../harness';
import { RecordingTiming } from '../providers/support/breakers';

/** A stand-in for Sentry's ingest: keeps every envelope POSTed to /api/<project>/envelope/. */
async function sentryReceiver(): Promise<{ port: number; envelopes: string[]; close(): Promise<void> }> {
  const envelopes: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.method === 'POST' && /^\/api\/\d+\/envelope\//.test(request.url ?? '')) {
        envelopes.push((request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'));
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Makes every new sign-in link fail to be written: POST /v1/auth/magic-links then answers an unhandled 500. */
async function breakMagicLinks(t: TestApp): Promise<void> {
  await t.db.query(`CREATE OR REPLACE FUNCTION refuse_magic_link_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'magic link store exploded for the test'; END $$`);
  await t.db.query(`CREATE TRIGGER refuse_magic_link_for_test BEFORE INSERT ON magic_links FOR EACH ROW EXECUTE FUNCTION refuse_magic_link_for_test()`);
}

async function repairMagicLinks(t: TestApp): Promise<void> {
  await t.db.query(`DROP TRIGGER IF EXISTS refuse_magic_link_for_test ON magic_links`);
}

const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789abcdef';

describe('error tracking (Sentry) and metrics (Prometheus)', () => {
  let receiver: Awaited<ReturnType<typeof sentryReceiver>>;

  beforeAll(async () => {
    receiver = await sentryReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  describe('with SENTRY_DSN and METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startApp({ env: { SENTRY_DSN: `http://publickey@127.0.0.1:${receiver.port}/1`, METRICS_TOKEN, WEBHOOK_SIGNATURE_ALERT_THRESHOLD: '3' } });
    });
    afterAll(async () => {
      await repairMagicLinks(t);
      await t.close();
    });
    beforeEach(async () => {
      await resetState(t);
      receiver.envelopes.length = 0;
    });

    it('sends an unhandled error to Sentry with the error id the client was given, and nothing for a 4xx', async () => {
      const refused = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'not an email' } });
      expect(refused.status).toBe(400);
      await breakMagicLinks(t);
      try {
        const res = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'alice@example.com' } });
        expect(res.status).toBe(500);
        const { errorId } = await res.json();
        expect(errorId).toMatch(/^[0-9a-f-]{36}$/);
        expect(await t.app.get(ErrorTracker).flush()).toBe(true);
        expect(receiver.envelopes).toHaveLength(1);
        const [envelope] = receiver.envelopes;
        expect(envelope).toContain('"type":"event"');
        expect(envelope).toContain('magic link store exploded for the test');
        expect(envelope).toContain(errorId);
        expect(envelope).toContain('POST /v1/auth/magic-links');
      } finally {
        await repairMagicLinks(t);
      }
    });

    it('reports refused webhook signatures once per burst (the threshold within a minute), not once each', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await t.request('/webhooks/stripe', { method: 'POST', body: '{"id":"evt_1"}', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' } });
        expect(res.status).toBe(401);
      }
      await t.app.get(ErrorTracker).flush();
      const bursts = receiver.envelopes.filter((e) => e.includes('webhook deliveries refused for their signature'));
      expect(bursts).toHaveLength(1);
      expect(bursts[0]).toContain('3 stripe webhook deliveries refused for their signature within a minute');

      const metrics = await (await t.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      expect(metrics).toMatch(/webhook_signature_failures_total\{[^}]*provider="stripe"[^}]*\} 5/);
    });

    it('reports a circuit breaker opening and closing, and exports its state', async () => {
      const redis = t.app.get(RedisService);
      const metrics = new Metrics();
      const breakers = new ProviderCircuitBreakers(redis, new ResiliencePolicy({ resetTimeoutMs: 200 }), new RecordingTiming(), metrics, t.app.get(ErrorTracker));
      await breakers.start();
      try {
        const failing = async () => {
          throw new TransientProviderError({ provider: 'vapi', operation: 'vapi:get_call', providerStatus: 503, providerMessage: 'Service Unavailable' });
        };
        for (let i = 0; i < 5; i++) await expect(breakers.run('vapi:get_call', failing)).rejects.toBeInstanceOf(TransientProviderError);
        expect(breakers.localState('vapi:get_call')).toBe('open');
        expect(await metrics.registry.getSingleMetricAsString('provider_breaker_state')).toContain('provider_breaker_state{breaker="vapi:get_call"} 2');
        await new Promise((resolve) => setTimeout(resolve, 300));
        await expect(breakers.run('vapi:get_call', async () => 'ok')).resolves.toBe('ok');
        expect(breakers.localState('vapi:get_call')).toBe('closed');
        expect(await metrics.registry.getSingleMetricAsString('provider_breaker_state')).toContain('provider_breaker_state{breaker="vapi:get_call"} 0');
        await t.app.get(ErrorTracker).flush();
        expect(receiver.envelopes.filter((e) => e.includes('circuit vapi:get_call opened'))).toHaveLength(1);
        expect(receiver.envelopes.filter((e) => e.includes('circuit vapi:get_call closed'))).toHaveLength(1);
      } finally {
        await breakers.stop();
      }
    });

    it('serves /metrics only with the bearer token: latency by route template, queues, breakers, webhook lag, calls', async () => {
      const callId = '6f1c2a9e-1d7b-4c1e-9a53-2f1e0c9b7d11';
      expect((await t.request(`/v1/calls/${callId}`)).status).toBe(401);
      expect((await t.request('/v1/nowhere-at-all?token=secret')).status).toBe(404);

      expect((await t.request('/metrics')).status).toBe(404);
      expect((await t.request('/metrics', { headers: { authorization: 'Bearer wrong-token-wrong-token-wrong-token-00' } })).status).toBe(404);
      const res = await t.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const text = await res.text();

      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET"[^}]*route="\/v1\/calls\/:id"[^}]*status="4xx"[^}]*\} 1/);
      expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched"[^}]*status="4xx"[^}]*\} 1/);
      // Route templates only: never an id, a raw path or a query.
      expect(text).not.toContain(callId);
      expect(text).not.toContain('nowhere-at-all');
      expect(text).not.toContain('secret');

      expect(text).toMatch(/queue_jobs\{[^}]*queue="webhooks"[^}]*state="waiting"[^}]*\} \d+/);
      expect(text).toMatch(/queue_oldest_waiting_seconds\{[^}]*queue="leads"[^}]*\} \d+/);
      expect(text).toMatch(/provider_breaker_state\{[^}]*breaker="vapi:place_call"[^}]*\} 0/);
      expect(text).toMatch(/webhook_lag_seconds\{[^}]*provider="stripe"[^}]*\} 0/);
      expect(text).toContain('# TYPE calls_placed_total counter');
      expect(text).toContain('# TYPE calls_deferred_total counter');
    });

    it('counts the age of the oldest unprocessed webhook as its lag', async () => {
      await t.db.query(
        `INSERT INTO webhook_events (provider, event_id, event_type, payload, status, received_at, updated_at)
         VALUES ('vapi', 'lag-test', 'status-update', '{}'::jsonb, 'pending', now() - interval '90 seconds', now())`,
      );
      const text = await (await t.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      const lag = Number(/webhook_lag_seconds\{[^}]*provider="vapi"[^}]*\} ([\d.]+)/.exec(text)?.[1]);
      expect(lag).toBeGreaterThanOrEqual(89);
      expect(lag).toBeLessThan(300);
    });
  });

  describe('with SENTRY_DSN and the job processors running', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startApp({ env: { SENTRY_DSN: `http://publickey@127.0.0.1:${receiver.port}/1`, METRICS_TOKEN }, inlineWorkers: true });
    });
    afterAll(async () => t.close());

    it('reports a job that failed its last attempt, once, and counts it', async () => {
      receiver.envelopes.length = 0;
      // Not a uuid: Postgres refuses the claim, every attempt (not a database outage: the job fails for good).
      await t.app.get(JobsService).enqueue(JobName.ProcessWebhookEvent, { webhookEventId: 'not-a-uuid' }, { jobId: 'observability-doomed', attempts: 2 });
      const deadline = Date.now() + 20_000;
      let failed = '';
      while (Date.now() < deadline) {
        failed = await t.app.get(Metrics).registry.getSingleMetricAsString('queue_jobs_failed_total');
        if (/queue="webhooks"[^}]*\} 1/.test(failed)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(failed).toMatch(/queue_jobs_failed_total\{[^}]*queue="webhooks"[^}]*\} 1/);
      await t.app.get(ErrorTracker).flush();
      const reports = receiver.envelopes.filter((e) => e.includes('observability-doomed'));
      // Two attempts, one report: the retried one is not news.
      expect(reports).toHaveLength(1);
      expect(reports[0]).toContain('invalid input syntax for type uuid');
    });
  });

  describe('without SENTRY_DSN, with METRICS_PORT', () => {
    let t: TestApp;
    let metricsPort: number;
    beforeAll(async () => {
      metricsPort = await freePort();
      t = await startApp({ env: { METRICS_PORT: String(metricsPort), HOST: '127.0.0.1' } });
    });
    afterAll(async () => {
      await repairMagicLinks(t);
      await t.close();
    });

    it('sends nothing anywhere when an error goes unhandled', async () => {
      receiver.envelopes.length = 0;
      expect(t.app.get(ErrorTracker).enabled).toBe(false);
      await breakMagicLinks(t);
      try {
        expect((await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'bob@example.com' } })).status).toBe(500);
      } finally {
        await repairMagicLinks(t);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.envelopes).toEqual([]);
    });

    it('serves metrics on their own port and not on the public one', async () => {
      await t.request('/health/live');
      const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('http_request_duration_seconds_bucket');
      expect((await fetch(`http://127.0.0.1:${metricsPort}/other`)).status).toBe(404);
      const publicAnswer = await t.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(publicAnswer.status).toBe(404);
      expect(await publicAnswer.text()).not.toContain('http_request_duration_seconds');
    });
  });
});
