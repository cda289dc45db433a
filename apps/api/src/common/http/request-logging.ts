import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import pino, { type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger } from 'pino';
import { isoTimeField } from '../logging';

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

/**
 * Fastify's genReqId: the X-Request-Id a client or proxy sent, when it is short and plain (so
 * that one id follows a request across services), else a new UUID.
 */
export function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && PLAIN_REQUEST_ID.test(given) ? given : randomUUID();
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

/**
 * Writes the one line per request to the root logger's destination, in pino's own shape
 * (`{"level","time",<bindings>,…fields,"msg"}`) and at its level threshold. The fields are always
 * the same six, chosen so that none holds a secret (the URL is redacted), so the line is filled in
 * from a template: pino's generic path (a child logger, redaction rules, a stringify per key)
 * cost more than all the rest of the request's logging.
 */
export function requestLineWriter(root: Logger): (request: FastifyRequest, reply: FastifyReply) => void {
  const destination = (root as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
  const bindings = JSON.stringify(root.bindings()).slice(1, -1);
  const afterTime = bindings ? `,${bindings},"reqId":` : ',"reqId":';
  return (request, reply) => {
    const status = reply.statusCode;
    const level = status >= 500 ? LEVEL.error : status >= 400 ? LEVEL.warn : LEVEL.info;
    if (level < root.levelVal) return;
    destination.write(
      // The id is plain (see requestId) and the method a token: neither needs escaping.
      `{"level":${level}${isoTimeField()}${afterTime}"${request.id}","method":"${request.method}","url":${JSON.stringify(redactUrl(request.url))},` +
        `"statusCode":${status},"responseTimeMs":${Math.round(reply.elapsedTime * 10) / 10},"ip":${ipField(request.ip)},"msg":"request"}\n`,
    );
  };
}

/** One JSON line per request, written from a Fastify hook (cheaper than a Nest interceptor). */
export function registerRequestLogging(app: FastifyInstance, root: Logger): void {
  const writeLine = requestLineWriter(root);
  app.addHook('onResponse', (request, reply, done) => {
    writeLine(request, reply);
    done();
  });
}

class LazyRequestLogger implements FastifyBaseLogger {
  private made?: FastifyBaseLogger;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.made?.level ?? this.options.level ?? this.parent.level;
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
    return this.logger.child(bindings, options);
  }
}

/**
 * Fastify's childLoggerFactory: the request's logger (request.log, reply.log) is made on first use.
 * Fastify otherwise builds a pino child per request (bindings serialized through the redaction
 * rules), and almost no request logs through it: the request line is written by the hook above.
 */
export function lazyRequestLogger(parent: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new LazyRequestLogger(parent, bindings, options);
}
