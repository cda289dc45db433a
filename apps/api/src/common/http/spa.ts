import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Paths that belong to the API: an unknown one there is a 404 problem, never the SPA. */
const SERVER_PREFIXES = ['/v1', '/webhooks', '/health', '/docs', '/admin/queues', '/sandbox-assets', '/embed'];

export interface SpaFallback {
  /** Sends index.html for a browser navigation to a client-side route; false when not applicable. */
  tryServe(request: FastifyRequest, reply: FastifyReply): boolean;
}

/** Serves the built SPA (assets as files, every other GET navigation as index.html). */
export async function registerSpa(app: FastifyInstance, webDist: string): Promise<SpaFallback> {
  const root = resolve(webDist);
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) {
    return { tryServe: () => false };
  }
  const indexHtml = readFileSync(indexPath);
  // preCompressed: the .br and .gz files the web build writes beside each asset, for the browsers that accept them.
  await app.register(fastifyStatic, { root, prefix: '/', wildcard: false, index: false, cacheControl: true, maxAge: '1h', preCompressed: true });
  app.get('/', (_req, reply) => {
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  });
  return {
    tryServe(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = request.url.split('?')[0];
      if (SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
      if (/\.[a-z0-9]{1,8}$/i.test(path)) return false; // a missing asset stays a 404
      // The fallback has no route of its own: the app's security headers are set here (@fastify/helmet's decorator).
      reply.helmet?.();
      void reply.status(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
      return true;
    },
  };
}
