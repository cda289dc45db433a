import type { IncomingMessage } from 'node:http';
import pino, { type DestinationStream } from 'pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { redactUrl, requestId, requestLineWriter } from './request-logging';

function capture(level = 'info'): { lines: string[]; root: pino.Logger } {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => lines.push(line) };
  return { lines, root: pino({ level, base: { service: 'beaker-api' }, timestamp: pino.stdTimeFunctions.isoTime }, destination) };
}

const request = (over: Partial<FastifyRequest> = {}) => ({ id: 'abc-123', method: 'GET', url: '/v1/plans?plan=pro', ip: '127.0.0.1', ...over }) as FastifyRequest;
const reply = (statusCode = 200, elapsedTime = 1.234) => ({ statusCode, elapsedTime }) as FastifyReply;

describe('requestLineWriter', () => {
  it("writes one JSON line in pino's own shape, with the same fields pino would write", () => {
    const { lines, root } = capture();
    requestLineWriter(root)(request(), reply());
    root.info({ reqId: 'abc-123', method: 'GET', url: '/v1/plans?plan=pro', statusCode: 200, responseTimeMs: 1.2, ip: '127.0.0.1' }, 'request');

    expect(lines).toHaveLength(2);
    expect(lines[0].endsWith('}\n')).toBe(true);
    const [ours, pinos] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(ours)).toEqual(Object.keys(pinos));
    expect({ ...ours, time: 0 }).toEqual({ ...pinos, time: 0 });
    expect(ours.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes 4xx as warn and 5xx as error, and nothing below the logger level', () => {
    const info = capture('info');
    const write = requestLineWriter(info.root);
    write(request(), reply(200));
    write(request(), reply(404));
    write(request(), reply(503));
    expect(info.lines.map((l) => JSON.parse(l).level)).toEqual([30, 40, 50]);

    const warn = capture('warn');
    requestLineWriter(warn.root)(request(), reply(200));
    requestLineWriter(warn.root)(request(), reply(500));
    expect(warn.lines.map((l) => JSON.parse(l).statusCode)).toEqual([500]);
  });

  it('escapes what it cannot trust and redacts secrets from the URL', () => {
    const { lines, root } = capture();
    const url = '/v1/x?q="quoted"\\back&token=s3cret';
    requestLineWriter(root)(request({ url, ip: '1.2.3.4", "admin": true, "x": "' }), reply());
    const line = JSON.parse(lines[0]);
    expect(line.url).toBe('/v1/x?q="quoted"\\back&token=[REDACTED]');
    expect(line.ip).toBe('1.2.3.4", "admin": true, "x": "');
    expect(line.admin).toBeUndefined();
    expect(lines[0]).not.toContain('s3cret');
  });

  it('still writes valid JSON when the client has gone and its address is unknown', () => {
    const { lines, root } = capture();
    requestLineWriter(root)(request({ ip: undefined }), reply(200));
    expect(JSON.parse(lines[0]).ip).toBeNull();
  });
});

describe('redactUrl', () => {
  it('hides every secret parameter and leaves other URLs as they are', () => {
    expect(redactUrl('/auth/verify?token=abc&next=%2F')).toBe('/auth/verify?token=[REDACTED]&next=%2F');
    expect(redactUrl('/x?a=1&KEY=bk_live_1&code=9#frag')).toBe('/x?a=1&KEY=[REDACTED]&code=[REDACTED]#frag');
    expect(redactUrl('/v1/plans?plan=pro')).toBe('/v1/plans?plan=pro');
    expect(redactUrl('/v1/token=abc')).toBe('/v1/token=abc');
  });
});

describe('requestId', () => {
  const raw = (id?: string | string[]) => ({ headers: id === undefined ? {} : { 'x-request-id': id } }) as IncomingMessage;

  it("keeps a caller's plain X-Request-Id", () => {
    expect(requestId(raw('req-42.a:b_C'))).toBe('req-42.a:b_C');
  });

  it('makes a new UUID when there is none, or it is long, repeated or needs escaping', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const given of [undefined, '', 'x'.repeat(129), ['a', 'b'], 'a"b', 'a b', 'a\\b', 'é']) {
      expect(requestId(raw(given))).toMatch(uuid);
    }
    expect(requestId(raw())).not.toBe(requestId(raw()));
  });
});
