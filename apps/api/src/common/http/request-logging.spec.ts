import type { IncomingMessage } from 'node:http';
import pino from 'pino';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isoTimeField, type LogDestination } from '../logging';
import { LazyLogger, redactUrl, RequestIds, requestId, requestLineWriter, writeWaitingRequestLines } from './request-logging';

/** A logger writing to a destination that keeps each write it is given. */
function capture(level = 'info', timestamp = pino.stdTimeFunctions.isoTime): { writes: string[]; lines: () => string[]; root: pino.Logger; destination: LogDestination } {
  const writes: string[] = [];
  const destination: LogDestination = { write: (data: string) => writes.push(data) };
  const root = pino({ level, base: { service: 'beaker-api' }, timestamp }, destination);
  return { writes, lines: () => writes.join('').split('\n').filter(Boolean), root, destination };
}

/** The end of the current event-loop turn, when request lines are written. */
const turn = () => new Promise((r) => setImmediate(r));

const request = (over: Partial<FastifyRequest> = {}) => ({ id: 'abc-123', method: 'GET', url: '/v1/plans?plan=pro', ip: '127.0.0.1', ...over }) as FastifyRequest;
const reply = (statusCode = 200, elapsedTime = 1.234) => ({ statusCode, elapsedTime }) as FastifyReply;

describe('requestLineWriter', () => {
  it("writes one JSON line in pino's own shape, with the same fields pino would write", async () => {
    const { lines, root, destination } = capture();
    requestLineWriter(root, destination)(request(), reply());
    await turn();
    root.info({ reqId: 'abc-123', method: 'GET', url: '/v1/plans?plan=pro', statusCode: 200, responseTimeMs: 1.2, ip: '127.0.0.1' }, 'request');

    expect(lines()).toHaveLength(2);
    const [ours, pinos] = lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(ours)).toEqual(Object.keys(pinos));
    expect({ ...ours, time: 0 }).toEqual({ ...pinos, time: 0 });
    expect(ours.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('writes 4xx as warn and 5xx as error, and nothing below the logger level', async () => {
    const info = capture('info');
    const write = requestLineWriter(info.root, info.destination);
    write(request(), reply(200));
    write(request(), reply(404));
    write(request(), reply(503));
    await turn();
    expect(info.lines().map((l) => JSON.parse(l).level)).toEqual([30, 40, 50]);

    const warn = capture('warn');
    requestLineWriter(warn.root, warn.destination)(request(), reply(200));
    requestLineWriter(warn.root, warn.destination)(request(), reply(500));
    await turn();
    expect(warn.lines().map((l) => JSON.parse(l).statusCode)).toEqual([500]);
  });

  it('escapes what it cannot trust and redacts secrets from the URL', async () => {
    const { lines, root, destination } = capture();
    const url = '/v1/x?q="quoted"\\back&token=s3cret';
    requestLineWriter(root, destination)(request({ url, ip: '1.2.3.4", "admin": true, "x": "' }), reply());
    await turn();
    const line = JSON.parse(lines()[0]);
    expect(line.url).toBe('/v1/x?q="quoted"\\back&token=[REDACTED]');
    expect(line.ip).toBe('1.2.3.4", "admin": true, "x": "');
    expect(line.admin).toBeUndefined();
    expect(lines()[0]).not.toContain('s3cret');
  });

  it('still writes valid JSON when the client has gone and its address is unknown', async () => {
    const { lines, root, destination } = capture();
    requestLineWriter(root, destination)(request({ ip: undefined }), reply(200));
    await turn();
    expect(JSON.parse(lines()[0]).ip).toBeNull();
  });

  it("writes the turn's request lines with one write when the turn is over, in order, with each response's own time", async () => {
    const { writes, lines, root, destination } = capture('info', isoTimeField);
    const write = requestLineWriter(root, destination);
    const before = Date.now();
    write(request({ id: 'one' }), reply(200));
    root.warn('something else');
    write(request({ id: 'two', url: '/b' }), reply(404));
    expect(lines().map((l) => JSON.parse(l).msg)).toEqual(['something else']);
    await turn();
    expect(writes).toHaveLength(2); // pino's own line, then the turn's request lines together
    const written = lines().map((l) => JSON.parse(l));
    expect(written.map((l) => l.reqId ?? l.msg)).toEqual(['something else', 'one', 'two']);
    expect(written[2]).toMatchObject({ level: 40, url: '/b', statusCode: 404 });
    expect(Date.parse(written[1].time)).toBeGreaterThanOrEqual(before);

    // The next turn's records reuse the first turn's: nothing of those leaks into these.
    writes.length = 0;
    write(request({ id: 'three', url: '/c', ip: undefined }), reply(200));
    await turn();
    expect(lines().map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ reqId: 'three', url: '/c', ip: null, statusCode: 200 })]);
  });

  it('writes waiting request lines, and flushes the destination, when the process exits before the turn is over', () => {
    const { lines, root, destination } = capture();
    const flushSync = jest.fn();
    destination.flushSync = flushSync;
    requestLineWriter(root, destination)(request({ id: 'last' }), reply(500));
    writeWaitingRequestLines(); // what the exit hook does
    expect(lines().map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ reqId: 'last', level: 50 })]);
    expect(flushSync).toHaveBeenCalledTimes(1);
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

describe('RequestIds', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes v4-shaped ids that do not repeat and do not count up visibly', () => {
    const ids = new RequestIds();
    const made = Array.from({ length: 50_000 }, () => ids.next());
    expect(made.every((id) => uuid.test(id))).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    const tails = made.slice(0, 100).map((id) => parseInt(id.slice(-8), 16));
    const steps = new Set(tails.slice(1).map((t, i) => t - tails[i]));
    expect(steps.size).toBeGreaterThan(90); // not a counter, nor a counter times a constant
  });

  it('gives each process (each generator) its own ids', () => {
    const a = new RequestIds();
    const b = new RequestIds();
    const fromA = new Set(Array.from({ length: 1000 }, () => a.next()));
    expect(Array.from({ length: 1000 }, () => b.next()).some((id) => fromA.has(id))).toBe(false);
  });

  it('draws a new random part rather than repeat an id after 2^32 of them', () => {
    const ids = new RequestIds();
    const first = ids.next();
    (ids as unknown as { count: number }).count = 0xffffffff;
    const after = ids.next();
    expect(after.slice(0, 28)).not.toBe(first.slice(0, 28));
    expect(after).toMatch(uuid);
  });
});

describe('LazyLogger', () => {
  it("makes a request's pino child only when something logs through it, with the request id and the server's bindings", () => {
    const { lines, root } = capture();
    const childOf = jest.spyOn(root, 'child');
    // What Fastify does with a loggerInstance: a child for the server, then one per request.
    const server = LazyLogger.over(root).child({}, { serializers: { res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }) } });
    const quiet = server.child({ reqId: 'r-1' }, {});
    const talking = server.child({ reqId: 'r-2' }, {});
    expect(childOf).not.toHaveBeenCalled();
    expect(quiet.level).toBe('info');

    talking.warn({ res: { statusCode: 503, secret: 'x' } }, 'upstream slow');
    talking.info('again');
    expect(childOf).toHaveBeenCalledTimes(2); // the server's child, then the request's; once each
    expect(lines().map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 40, reqId: 'r-2', res: { statusCode: 503 }, msg: 'upstream slow' }),
      expect.objectContaining({ level: 30, reqId: 'r-2', msg: 'again' }),
    ]);
    expect(lines().join('')).not.toContain('r-1');
  });

  it("keeps a request logger's own level, and a level set later", () => {
    const { lines, root } = capture();
    const server = LazyLogger.over(root).child({}, {});
    const debugging = server.child({ reqId: 'r-3' }, { level: 'debug' });
    expect(debugging.level).toBe('debug');
    debugging.debug('seen');
    const quietened = server.child({ reqId: 'r-4' }, {});
    quietened.level = 'error';
    quietened.warn('not seen');
    expect(lines().map((l) => JSON.parse(l).msg)).toEqual(['seen']);
  });
});
