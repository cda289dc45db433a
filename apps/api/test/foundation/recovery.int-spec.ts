import { TcpProxy } from '../support/tcp-proxy';
import { startApp, TestApp } from '../harness';

async function eventually<T>(fn: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await fn();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await fn();
  }
  return last;
}

describe('readiness: Postgres goes away and comes back', () => {
  const target = new URL(process.env.DATABASE_URL!);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  let t: TestApp;
  let proxyPort = 0;

  beforeAll(async () => {
    const port = await proxy.start();
    proxyPort = port;
    const viaProxy = new URL(target.toString());
    viaProxy.port = String(port);
    t = await startApp({ env: { DATABASE_URL: viaProxy.toString() } });
  });
  afterAll(async () => {
    await t.close();
    await proxy.stop();
  });

  it('answers 503 naming the database while it is down, and recovers by itself', async () => {
    expect((await t.request('/health/ready')).status).toBe(200);

    await proxy.stop();
    const down = await t.request('/health/ready');
    expect(down.status).toBe(503);
    const body = await down.json();
    expect(body.status).toBe('unavailable');
    // What is down, by name, and nothing about why: no driver message, host, port or user.
    expect(body).toEqual({ status: 'unavailable', checks: { database: { status: 'down' }, redis: { status: 'up' } } });
    const text = JSON.stringify(body);
    for (const detail of [target.hostname, String(proxyPort), 'ECONNREFUSED', 'postgres', 'error']) expect(text).not.toContain(detail);
    // The process itself stays up.
    expect((await t.request('/health/live')).status).toBe(200);

    await proxy.start();
    const back = await eventually(() => t.request('/health/ready').then((r) => r.status), (s) => s === 200);
    expect(back).toBe(200);
  });
});
