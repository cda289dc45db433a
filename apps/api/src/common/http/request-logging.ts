import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';
import { isoTimeField, type LogDestination } from '../logging';
import type { Metrics } from '../observability/metrics';

type AnyLogFn = (...args: unknown[]) => void;

/** Query parameters whose values never reach a log line. */
const SECRET_NAMES = 'token|key|code|secret|signature|api_key|apikey';
const SECRET_PARAM = new RegExp(`[?&](?:${SECRET_NAMES})=`, 'i');
const SECRET_QUERY = new RegExp(`([?&](?:${SECRET_NAMES})=)[^&#]*`, 'gi');

/** Removes secrets that ride in query strings (magic-link tokens, codes) before a URL is logged. */
export function redactUrl(url: string): string {
  // Testing first: most URLs carry no secret, and a test costs less than a replace.
  return url.includes('?') && SECRET_PARAM.test(url) ? url.replace(SECRET_QUERY, '$1[REDACTED]') : url;
}

/** An X-Request-Id worth keeping: short, and nothing that needs escaping in a log line or a header. */
const PLAIN_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Two hex digits for each byte value. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * New request ids, shaped as v4 UUIDs but made without asking for randomness on every request. A
 * random part (90 bits) is drawn once, and a 32-bit counter is scrambled with random keys
 * (multiplied by an odd number, xored, then murmur3's finalizer), so consecutive ids do not look
 * consecutive and do not tell how many requests a process has served. Each step is a bijection on
 * 32-bit integers: within a process no id repeats before 2^32 requests, when a new random part is
 * drawn; between processes the random parts keep ids apart. (crypto.randomUUID for every request
 * cost 5 to 12 % of a plain GET's throughput under load.) Ids are for following a request through
 * logs, not secrets.
 */
export class RequestIds {
  private prefix = '';
  private multiplier = 1;
  private mask = 0;
  private count = 0;

  constructor() {
    this.reseed();
  }

  next(): string {
    if (this.count === 0xffffffff) this.reseed();
    let h = Math.imul(++this.count, this.multiplier) ^ this.mask;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    // Four table lookups: Number#toString(16) and padStart took ten times as long.
    return this.prefix + HEX_BYTES[h >>> 24] + HEX_BYTES[(h >>> 16) & 0xff] + HEX_BYTES[(h >>> 8) & 0xff] + HEX_BYTES[h & 0xff];
  }

  private reseed(): void {
    const bytes = randomBytes(16);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
    const hex = bytes.toString('hex');
    this.prefix = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 24)}`;
    const keys = randomBytes(8);
    this.multiplier = keys.readUInt32BE(0) | 1;
    this.mask = keys.readInt32BE(4);
    this.count = 0;
  }
}

const ids = new RequestIds();

/**
 * Fastify's genReqId: the X-Request-Id a client or proxy sent, when it is short and plain (so
 * that one id follows a request across services), else a new UUID-shaped id (RequestIds).
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && PLAIN_REQUEST_ID.test(given) ? given : ids.next();
}

/** What a client address is made of (IPv4, IPv6); anything else (a forged X-Forwarded-For) is escaped. */
const PLAIN_IP = /^[0-9A-Fa-f:.]*$/;

/** The address as a JSON value; null once the client has gone (the socket no longer knows it). */
function ipField(ip: string | undefined): string {
  if (typeof ip !== 'string') return 'null';
  return PLAIN_IP.test(ip) ? `"${ip}"` : JSON.stringify(ip);
}

/** pino's numbers for the levels a request line is written at. */
const LEVEL = { info: 30, warn: 40, error: 50 } as const;

/** What a request line is made of, kept until the line is written. */
interface RequestRecord {
  level: number;
  timeMs: number;
  id: string;
  method: string;
  url: string;
  status: number;
  elapsedMs: number;
  ip: string | undefined;
}

/** Writers with request lines waiting for the end of the turn: written out if the process exits first. */
const waiting = new Set<() => void>();

/** Writes the request lines still waiting for the end of their turn, and flushes their destinations. */
export function writeWaitingRequestLines(): void {
  for (const flush of [...waiting]) flush();
}
process.once('exit', writeWaitingRequestLines);

/**
 * Writes the one line per request to the logger's destination (the one we created and hand over,
 * see createLogOutput), in pino's own shape (`{"level","time",<bindings>,…fields,"msg"}`) and at the
 * logger's level threshold. The fields are always the same six, chosen so that none holds a secret
 * (the URL is redacted), so the line is filled in from a template: pino's generic path (a child
 * logger, redaction rules, a stringify per key) cost more than all the rest of the request's logging.
 *
 * A response only records what its line is made of (into records reused from turn to turn); the
 * turn's lines are formatted together once the turn is over (setImmediate) and handed to the
 * destination in one write. Formatting each line between two requests cost 8 to 14 % of a plain
 * GET's throughput under load, far more than its own few hundred nanoseconds; done together in one
 * loop after the turn's responses, the same work costs that much less. The time is the response's,
 * whenever the line is written. Lines still waiting when the process exits are written then, and
 * the destination flushed.
 */
export function requestLineWriter(root: Logger, destination: LogDestination): (request: FastifyRequest, reply: FastifyReply) => void {
  const bindings = JSON.stringify(root.bindings()).slice(1, -1);
  const afterTime = bindings ? `,${bindings},"reqId":` : ',"reqId":';
  const format = (r: RequestRecord): string =>
    // The id is plain (see requestId) and the method a token: neither needs escaping.
    `{"level":${r.level}${isoTimeField(r.timeMs)}${afterTime}"${r.id}","method":"${r.method}","url":${JSON.stringify(redactUrl(r.url))},` +
    `"statusCode":${r.status},"responseTimeMs":${Math.round(r.elapsedMs * 10) / 10},"ip":${ipField(r.ip)},"msg":"request"}\n`;

  const records: RequestRecord[] = [];
  let pending = 0;
  function flush(): void {
    waiting.delete(flushAtExit);
    if (pending === 0) return;
    let lines = '';
    for (let i = 0; i < pending; i++) lines += format(records[i]);
    pending = 0;
    // A burst's records are not kept for good (they hold the burst's URLs and ids).
    if (records.length > 4096) records.length = 0;
    destination.write(lines);
  }
  function flushAtExit(): void {
    flush();
    try {
      destination.flushSync?.();
    } catch {
      // Ended already, or nowhere left to write: nothing more can be done at exit.
    }
  }

  return (request, reply) => {
    const status = reply.statusCode;
    const level = status >= 500 ? LEVEL.error : status >= 400 ? LEVEL.warn : LEVEL.info;
    if (level < root.levelVal) return;
    if (pending === 0) {
      setImmediate(flush);
      waiting.add(flushAtExit);
    }
    const r = (records[pending++] ??= {} as RequestRecord);
    r.level = level;
    r.timeMs = Date.now();
    r.id = request.id;
    r.method = request.method;
    r.url = request.url;
    r.status = status;
    r.elapsedMs = reply.elapsedTime;
    r.ip = request.ip;
  };
}

type RequestHook = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

/**
 * The two things every request gets, as hooks for the FastifyAdapter's own slots
 * (`setOnRequestHook`, `setOnResponseHook`): the adapter registers an onRequest and an onResponse
 * hook of its own that call whatever is in those slots, so using them costs no extra hook per
 * request. On request: the X-Request-Id response header, set before anything can answer (a
 * handler, a guard's error, the not-found handler). On response: the request line, and the route's latency histogram.
 */
export function requestHooks(root: Logger, destination: LogDestination, metrics?: Pick<Metrics, 'observeRequest'>): { onRequest: RequestHook; onResponse: RequestHook } {
  const writeLine = requestLineWriter(root, destination);
  return {
    onRequest: (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      done();
    },
    onResponse: (request, reply, done) => {
      writeLine(request, reply);
      metrics?.observeRequest(request, reply, reply.elapsedTime);
      done();
    },
  };
}

/**
 * A pino logger made when something first logs through it. Fastify makes a child logger for every
 * request (request.log, reply.log), with the request id bound, and almost no request logs through
 * it: the request line is written by the hook above. Built eagerly, that child cost more than the
 * rest of the request's logging (its bindings go through the redaction rules).
 */
export class LazyLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  private constructor(
    private readonly parent: LazyLogger | null,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
    made?: FastifyBaseLogger,
  ) {
    this.made = made;
  }

  /**
   * The logger to hand Fastify as its `loggerInstance`: its children, and theirs, are lazy. (Fastify
   * makes a child of it for the server, and a child of that for each request; with its default
   * child-logger factory it checks nothing more per request, where a custom factory's every
   * logger is checked for its seven methods.)
   */
  static over(logger: FastifyBaseLogger): LazyLogger {
    return new LazyLogger(null, {}, {}, logger);
  }

  /** The pino logger itself, made now if nothing has logged through this one yet. */
  private get logger(): FastifyBaseLogger {
    return (this.made ??= this.parent!.logger.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent!.level;
  }
  set level(level: string) {
    this.logger.level = level;
  }

  fatal(...args: unknown[]): void {
    (this.logger.fatal as AnyLogFn)(...args);
  }
  error(...args: unknown[]): void {
    (this.logger.error as AnyLogFn)(...args);
  }
  warn(...args: unknown[]): void {
    (this.logger.warn as AnyLogFn)(...args);
  }
  info(...args: unknown[]): void {
    (this.logger.info as AnyLogFn)(...args);
  }
  debug(...args: unknown[]): void {
    (this.logger.debug as AnyLogFn)(...args);
  }
  trace(...args: unknown[]): void {
    (this.logger.trace as AnyLogFn)(...args);
  }
  silent(...args: unknown[]): void {
    (this.logger.silent as AnyLogFn)(...args);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return new LazyLogger(this, bindings, options ?? {});
  }
}
