import { HostResolver } from '../../src/modules/outbound-webhooks/delivery/webhook-sender';
import { resetState, startApp, TestApp } from '../harness';
import { liveBusiness, type LiveBusiness } from '../leads/leads.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { createEndpoint, deliveryLog, sendTestEvent } from './outbound-webhooks.factory';
import { WebhookReceiver } from './receiver';

type Answer = { address: string; family: 4 | 6 }[];

/**
 * Live mode's URL policy (WEBHOOK_URL_POLICY=strict, its default with PROVIDERS=live): https only,
 * no private, loopback or link-local address — refused when the endpoint is saved, and again when
 * a delivery resolves the name (DNS is the process edge: the test answers it).
 */
describe('outbound webhooks: SSRF refusals in live mode', () => {
  let t: TestApp;
  let b: LiveBusiness;
  const receiver = new WebhookReceiver();
  let dns: Record<string, Answer> = {};

  beforeAll(async () => {
    await receiver.start();
    t = await startApp({ clockAt: new Date('2026-03-10T16:00:00Z'), inlineWorkers: true, env: { WEBHOOK_URL_POLICY: 'strict', WEBHOOK_TIMEOUT_MS: '1000' } });
    const resolver = t.app.get(HostResolver);
    resolver.resolve = async (host: string) => {
      const answer = dns[host];
      if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
      return answer;
    };
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
  });
  beforeEach(async () => {
    await resetState(t);
    receiver.clear();
    dns = {};
    b = await liveBusiness(t);
  });

  it('refuses http, and private, loopback and link-local addresses, when the endpoint is saved', async () => {
    for (const url of [
      receiver.url,
      'http://hooks.example.com/x',
      `https://127.0.0.1:${receiver.port}/x`,
      'https://localhost/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://10.0.0.8/x',
      'https://172.16.4.4/x',
      'https://192.168.1.10/x',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fe80::1]/x',
      'https://metadata.google.internal/x',
      'https://0.0.0.0/x',
    ]) {
      const res = await b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', json: { url, eventTypes: ['lead.created'] } });
      expect({ url, status: res.status, code: (await res.json()).code }).toEqual({ url, status: 400, code: 'OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED' });
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints`))[0].n).toBe(0);
  });

  it('refuses to connect when a public-looking name resolves to a private, loopback or link-local address (any of its addresses)', async () => {
    const cases: [string, Answer][] = [
      ['loopback.example.com', [{ address: '127.0.0.1', family: 4 }]],
      ['metadata.example.com', [{ address: '169.254.169.254', family: 4 }]],
      ['mixed.example.com', [{ address: '93.184.216.34', family: 4 }, { address: '10.1.1.1', family: 4 }]],
      ['six.example.com', [{ address: '::1', family: 6 }]],
      ['mapped.example.com', [{ address: '::ffff:192.168.0.1', family: 6 }]],
    ];
    for (const [host, answer] of cases) {
      dns[host] = answer;
      const endpoint = await createEndpoint(t, b, { url: `https://${host}:${receiver.port}/beaker-webhooks` });
      await sendTestEvent(b, endpoint.id);
      const [attempt] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 1);
      expect({ host, succeeded: attempt.succeeded, statusCode: attempt.statusCode, error: attempt.error }).toEqual({
        host,
        succeeded: false,
        statusCode: null,
        error: 'refused: the host resolves to a private, loopback or link-local address',
      });
    }
    // Not one connection reached the machine's own receiver.
    expect(receiver.received).toHaveLength(0);

    const unresolvable = await createEndpoint(t, b, { url: 'https://nowhere.example.com/x' });
    await sendTestEvent(b, unresolvable.id);
    const [attempt] = await eventually(() => deliveryLog(b, unresolvable.id), (log) => log.length === 1);
    expect(attempt).toMatchObject({ succeeded: false, error: 'dns: the host name does not resolve' });
  });

  it('an endpoint whose stored URL is no longer allowed (saved before the policy) is refused at delivery, before any connection', async () => {
    const endpoint = await createEndpoint(t, b, { url: 'https://hooks.example.com/x' });
    await t.db.query(`UPDATE webhook_endpoints SET url = $2 WHERE id = $1`, [endpoint.id, receiver.url]);
    await sendTestEvent(b, endpoint.id);
    const [attempt] = await eventually(() => deliveryLog(b, endpoint.id), (log) => log.length === 1);
    expect(attempt).toMatchObject({ succeeded: false, statusCode: null, error: 'refused: https is required' });
    expect(receiver.received).toHaveLength(0);
  });
});
