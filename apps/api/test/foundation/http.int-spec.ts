import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { startApp, resetState, TestApp } from '../harness';

describe('foundation: HTTP surface', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
  });
  afterAll(async () => t.close());

  it('answers /health/live and /health/ready when Postgres and Redis are up', async () => {
    expect((await t.request('/health/live')).status).toBe(200);
    const ready = await t.request('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('rejects an unknown field and a wrong type with a problem naming each field', async () => {
    const res = await t.request('/v1/plans?plan=gold&colour=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(body.code).toBe('VALIDATION.FAILED');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'plan']);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.request('/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).code).toBe('NOT_FOUND');
  });

  it('answers a URL that cannot be decoded with a 400 problem and its request id', async () => {
    const res = await t.request('/v1/plans/%E0%A4%A', { headers: { 'x-request-id': 'bad-url-1' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-request-id')).toBe('bad-url-1');
    expect(await res.json()).toMatchObject({ status: 400, code: 'REQUEST.BAD_URL' });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('/docs-json');
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/v1/plans']).toBeDefined();
    // Public routes say that they take no credentials; the others name theirs.
    expect(doc.paths['/v1/plans'].get.security).toEqual([]);
    expect(doc.paths['/webhooks/stripe'].post.security).toEqual([]);
    expect(doc.paths['/v1/auth/magic-links'].post).toMatchObject({ summary: 'Email a sign-in link', security: [] });
    expect(doc.paths['/v1/me'].get.security).toEqual(expect.arrayContaining([{ session: [] }]));
    expect(doc.paths['/v1/admin/webhook-events'].get.security).toEqual([{ session: [] }]);
  });

  it('publishes an OpenAPI document in which Redocly\'s recommended rules find no error', async () => {
    const doc = await (await t.request('/docs-json')).text();
    const file = join(mkdtempSync(join(tmpdir(), 'beaker-openapi-')), 'openapi.json');
    writeFileSync(file, doc);
    const cli = resolve(__dirname, '../../../../node_modules/.bin/redocly');
    const { stdout } = await promisify(execFile)(cli, ['lint', file, '--format=json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 20 * 1024 * 1024,
    }).catch((err: { stdout: string }) => ({ stdout: err.stdout })); // exits 1 when there are errors
    const report = JSON.parse(stdout) as { problems: { ruleId: string; severity: string; message: string }[] };
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message}`);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe('foundation: HTTP timeouts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { HTTP_CONNECTION_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => t.close());

  /** How long the server keeps a connection on which the client sends half a request and then nothing, or null if it is still open after 3 s. */
  function closedAfterMs(partial: string): Promise<number | null> {
    return new Promise((resolve) => {
      const started = Date.now();
      const socket = connect(Number(new URL(t.baseUrl).port), '127.0.0.1', () => socket.write(partial));
      const giveUp = setTimeout(() => {
        socket.destroy();
        resolve(null);
      }, 3000);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(Date.now() - started);
      });
    });
  }

  it('closes a connection that goes quiet in the middle of a request (HTTP_CONNECTION_TIMEOUT_MS)', async () => {
    const ms = await closedAfterMs('POST /v1/auth/magic-links HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"em');
    expect(ms).not.toBeNull();
    expect(ms!).toBeGreaterThanOrEqual(250);
  });

  it('gives a whole request HTTP_REQUEST_TIMEOUT_MS (30 s by default) to arrive, however slowly it trickles', () => {
    const server = t.app.getHttpServer() as { requestTimeout: number; timeout: number };
    expect(server.requestTimeout).toBe(30_000);
    expect(server.timeout).toBe(300);
  });
});
