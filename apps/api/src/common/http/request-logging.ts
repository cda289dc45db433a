import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';
import { accessLogger } from '../logging';

type AnyLogFn = (...args: unknown[]) => void;

const SECRET_QUERY = /([?&](?:token|key|code|secret|signature|api_key|apikey)=)[^&#]*/gi;

/** Removes secrets that ride in query strings (magic-link tokens, codes) before a URL is logged. */
export function redactUrl(url: string): string {
  return url.includes('=') ? url.replace(SECRET_QUERY, '$1[REDACTED]') : url;
}

/** One JSON line per request, written from a Fastify hook (cheaper than a Nest interceptor). */
export function registerRequestLogging(app: FastifyInstance, root: Logger): void {
  const log = accessLogger(root);
  app.addHook('onResponse', (request, reply, done) => {
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info';
    log[level](
      {
        reqId: request.id,
        method: request.method,
        url: redactUrl(request.url),
        statusCode: reply.statusCode,
        responseTimeMs: Math.round(reply.elapsedTime * 10) / 10,
        ip: request.ip,
      },
      'request',
    );
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
