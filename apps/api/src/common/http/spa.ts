import { existsSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Paths that belong to the API: an unknown one there is a 404 problem, never the SPA. */
const SERVER_PREFIXES = ['/v1', '/webhooks', '/health', '/docs', '/admin/queues', '/sandbox-assets', '/embed'];

/** The landing page, prerendered into the built index.html (apps/web/prerender-landing.ts). */
const LANDING_PAGE = 'index.html';
/** The empty shell every other client-side route starts from; a build without one serves index.html everywhere. */
const APP_SHELL = 'spa.html';

export interface SpaFallback {
  /** Sends the app's shell for a browser navigation to a client-side route; false when not applicable. */
  tryServe(request: FastifyRequest, reply: FastifyReply): boolean;
}

/** Serves the built SPA: assets as files, `/` as the prerendered landing page, every other GET navigation as the shell. */
export async function registerSpa(app: FastifyInstance, webDist: string): Promise<SpaFallback> {
  const root = resolve(webDist);
  if (!existsSync(join(root, LANDING_PAGE))) {
    return { tryServe: () => false };
  }
  const shell = existsSync(join(root, APP_SHELL)) ? APP_SHELL : LANDING_PAGE;
  // preCompressed: the .br and .gz files the web build writes beside each file (the pages too), for the
  // browsers that accept them. Cache-Control is set per file by cacheControlFor.
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', cacheControlFor(relative(root, path))),
  });
  app.get('/', (_req, reply) => reply.sendFile(LANDING_PAGE));
  return {
    tryServe(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = request.url.split('?')[0];
      if (SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
      if (/\.[a-z0-9]{1,8}$/i.test(path)) return false; // a missing asset stays a 404
      // The fallback has no route of its own: the app's security headers are set here (@fastify/helmet's decorator).
      reply.helmet?.();
      void reply.status(200).sendFile(shell);
      return true;
    },
  };
}

/**
 * The pages are revalidated on every visit (their ETag makes that a 304), so a deploy shows at once;
 * the files under assets/ have their content's hash in their name and never change: cached for a
 * year, immutable; anything else (the favicon) for an hour.
 */
export function cacheControlFor(file: string): string {
  const name = file.replace(/\.(br|gz)$/, '');
  if (name.endsWith('.html')) return 'no-cache';
  if (name.startsWith(`assets${sep}`)) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}
