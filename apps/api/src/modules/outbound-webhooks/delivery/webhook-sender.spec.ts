import { EventEmitter } from 'node:events';
import https from 'node:https';
import { AppConfig } from '../../../config/app-config';
import { HostResolver, WebhookSender } from './webhook-sender';

/** Strict mode connects to the address it checked: the request's own lookup answers that address, never DNS again. */
describe('WebhookSender in strict mode', () => {
  const config = AppConfig.fromEnv({}, { WEBHOOK_URL_POLICY: 'strict', WEBHOOK_TIMEOUT_MS: '1000' });
  const resolver = { resolve: jest.fn() } as unknown as HostResolver & { resolve: jest.Mock };

  afterEach(() => jest.restoreAllMocks());

  it('resolves once, checks, and pins the connection to the checked address', async () => {
    resolver.resolve.mockResolvedValue([{ address: '93.184.216.34', family: 4 }]);
    let options: { lookup?: (host: string, opts: object, cb: (...args: unknown[]) => void) => void } = {};
    jest.spyOn(https, 'request').mockImplementation(((_url: URL, opts: typeof options) => {
      options = opts;
      const req = Object.assign(new EventEmitter(), { end: () => setImmediate(() => req.emit('error', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))), destroy: () => undefined });
      return req;
    }) as unknown as typeof https.request);

    const result = await new WebhookSender(config, resolver).send('https://hooks.example.com/beaker', '{}', {});
    expect(result).toMatchObject({ ok: false, error: 'connection: ECONNREFUSED' });
    expect(resolver.resolve).toHaveBeenCalledTimes(1);
    const one = await new Promise((ok) => options.lookup!('hooks.example.com', {}, (...args: unknown[]) => ok(args)));
    expect(one).toEqual([null, '93.184.216.34', 4]);
    const all = await new Promise((ok) => options.lookup!('hooks.example.com', { all: true }, (...args: unknown[]) => ok(args)));
    expect(all).toEqual([null, [{ address: '93.184.216.34', family: 4 }]]);
  });

  it('refuses without connecting when any address is not public', async () => {
    resolver.resolve.mockResolvedValue([{ address: '93.184.216.34', family: 4 }, { address: '169.254.169.254', family: 4 }]);
    const request = jest.spyOn(https, 'request');
    const result = await new WebhookSender(config, resolver).send('https://hooks.example.com/beaker', '{}', {});
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'refused: the host resolves to a private, loopback or link-local address' });
    expect(request).not.toHaveBeenCalled();
  });
});
