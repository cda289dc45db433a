import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { accessLogger } from '../logging';

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
