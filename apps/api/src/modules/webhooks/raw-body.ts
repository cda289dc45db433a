import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
import { PayloadTooLarge } from '../../common/errors/common.errors';
import { AddRouteConfig } from '../../common/http/endpoint';

/**
 * Webhook signatures cover the body byte for byte, so webhook routes must see it unparsed.
 * Routes marked @RawWebhookBody() read their body themselves, in an onRequest hook of their own:
 * the bytes are kept as a Buffer (at most the body limit: a larger body is refused with 413, as
 * soon as its Content-Length or its bytes say so), and the request then goes on as one without
 * a body, so that Fastify's parsers never see it. Every other route keeps the normal parsers and
 * pays nothing. (Reading here rather than through a content-type parser also skips work Fastify
 * does per parsed body, on the hottest route of the product.)
 */
const RAW_BODY = Symbol('beaker.webhook.rawBody');
const ORIGINAL_CONTENT_TYPE = Symbol('beaker.webhook.contentType');

type RawRequest = FastifyRequest['raw'] & { [RAW_BODY]?: Buffer; [ORIGINAL_CONTENT_TYPE]?: string };

export const RawWebhookBody = (): MethodDecorator => AddRouteConfig({ rawWebhookBody: true });

function readRawBody(bodyLimit: number): onRequestHookHandler {
  return (request, _reply, done) => {
    const raw = request.raw as RawRequest;
    const headers = raw.headers;
    raw[ORIGINAL_CONTENT_TYPE] = headers['content-type'];
    const declared = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
    if (declared !== undefined && declared > bodyLimit) return done(new PayloadTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('error', onError);
      raw.removeListener('close', onClose);
      if (err) return done(err);
      raw[RAW_BODY] = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      // The body is consumed: to Fastify, the request has none left to parse.
      delete headers['content-type'];
      delete headers['transfer-encoding'];
      headers['content-length'] = '0';
      done();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > bodyLimit) {
        finish(new PayloadTooLarge());
        raw.resume(); // drain the rest without keeping it
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish();
    const onError = (err: Error) => finish(err);
    // The client went away before the end of its body: nothing to answer.
    const onClose = () => finish(new Error('the request was aborted before its body ended'));
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('error', onError);
    raw.on('close', onClose);
  };
}

/** Call once per Fastify instance, before the routes are registered (the hook acts on route registration). */
export function installRawWebhookBodies(fastify: FastifyInstance, bodyLimit: number): void {
  const hook = readRawBody(bodyLimit);
  fastify.addHook('onRoute', (route) => {
    if (!(route.config as { rawWebhookBody?: boolean } | undefined)?.rawWebhookBody) return;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, hook];
  });
}

/** The body exactly as received (empty when there was none). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return (request.raw as RawRequest)[RAW_BODY] ?? Buffer.alloc(0);
}

/** The Content-Type the sender declared, lower-cased, without parameters. */
export function declaredMediaType(request: FastifyRequest): string {
  const value = (request.raw as RawRequest)[ORIGINAL_CONTENT_TYPE] ?? '';
  return value.split(';')[0].trim().toLowerCase();
}
