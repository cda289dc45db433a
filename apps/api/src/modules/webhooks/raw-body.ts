import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';

/**
 * Webhook signatures cover the body byte for byte, so webhook routes must see it unparsed.
 * Routes marked @RawWebhookBody() get their Content-Type swapped, in an onRequest hook of their
 * own, for a private media type whose parser hands over the Buffer as is (bounded by the body
 * limit: larger bodies are refused with 413 before anything is read into memory). Every other
 * route keeps the normal JSON and form parsers and pays nothing.
 */
const RAW_WEBHOOK_MEDIA_TYPE = 'application/vnd.beaker.raw-webhook';
const ORIGINAL_CONTENT_TYPE = Symbol('beaker.webhook.contentType');

type RawRequest = FastifyRequest['raw'] & { [ORIGINAL_CONTENT_TYPE]?: string };

export const RawWebhookBody = (): MethodDecorator => RouteConfig({ rawWebhookBody: true });

const keepRawBody: onRequestHookHandler = (request, _reply, done) => {
  const raw = request.raw as RawRequest;
  raw[ORIGINAL_CONTENT_TYPE] = raw.headers['content-type'];
  const hasBody = raw.headers['transfer-encoding'] !== undefined || (raw.headers['content-length'] ?? '0') !== '0';
  if (hasBody || raw.headers['content-type'] !== undefined) raw.headers['content-type'] = RAW_WEBHOOK_MEDIA_TYPE;
  done();
};

/** Call once per Fastify instance, before the routes are registered (the hook acts on route registration). */
export function installRawWebhookBodies(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.addContentTypeParser(RAW_WEBHOOK_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit }, (_request, body, done) => done(null, body));
  fastify.addHook('onRoute', (route) => {
    if (!(route.config as { rawWebhookBody?: boolean } | undefined)?.rawWebhookBody) return;
    route.bodyLimit = bodyLimit;
    const existing = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
    route.onRequest = [...existing, keepRawBody];
  });
}

/** The body exactly as received (empty when there was none). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/** The Content-Type the sender declared, lower-cased, without parameters. */
export function declaredMediaType(request: FastifyRequest): string {
  const value = (request.raw as RawRequest)[ORIGINAL_CONTENT_TYPE] ?? '';
  return value.split(';')[0].trim().toLowerCase();
}
