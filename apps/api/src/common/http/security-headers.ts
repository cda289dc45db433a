import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteOptions } from 'fastify';
import type { AppConfig } from '../../config/app-config';

type Directives = Record<string, string[]>;

/** The pages this process serves, each with the Content-Security-Policy it needs and no more. */
export type PageKind = 'app' | 'docs' | 'queue-dashboard';

/** Paths whose answers are data, not pages: they get API_HEADERS. */
const API_PREFIXES = ['/v1', '/webhooks', '/health', '/embed', '/sandbox-assets', '/docs-json'];

const startsWithPath = (url: string, prefix: string) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`);

/** Which page a route serves, or null for the API (by its registered path). */
export function pageKindOf(url: string): PageKind | null {
  if (API_PREFIXES.some((prefix) => startsWithPath(url, prefix))) return null;
  if (startsWithPath(url, '/docs')) return 'docs';
  if (startsWithPath(url, '/admin/queues')) return 'queue-dashboard';
  return 'app';
}

/**
 * The SPA's policy: scripts, styles, fonts and requests from this origin only (no inline script, no
 * eval), never framed by anyone ("Call me now" is consent evidence: it must not be clickjacked).
 * Recordings play from the voice provider's storage (https). In development and test, inline
 * styles are allowed too: the development inbox shows emails (whose HTML carries its own styles)
 * in a sandboxed srcdoc frame, which inherits this policy.
 */
function appDirectives(config: AppConfig): Directives {
  const development = config.env.NODE_ENV === 'development' || config.env.NODE_ENV === 'test';
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'https:'],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/** Swagger UI: its own scripts (no inline one), but inline styles and data: images in its markup and CSS. */
function docsDirectives(): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * bull-board: its own scripts; inline styles in its page; no fonts from elsewhere (our page, see
 * modules/admin/queue-dashboard-view.ts, does not link Google Fonts). Framed by
 * this origin only: the SPA's health page (/admin/health) shows it inside the admin layout. The SPA
 * itself is never framed, so no other site can put the dashboard's buttons under a decoy.
 */
function queueDashboardDirectives(): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
}

const HSTS_SECONDS = 365 * 24 * 3600;

/** helmet's options for one kind of page: its defaults, the policy above, DENY framing (SAMEORIGIN for the queue dashboard), HSTS in production. */
export function helmetOptionsFor(kind: PageKind, config: AppConfig): FastifyHelmetOptions {
  const directives = kind === 'docs' ? docsDirectives() : kind === 'queue-dashboard' ? queueDashboardDirectives() : appDirectives(config);
  // Only behind https: on http://localhost it would send the page's own requests to https.
  if (config.appUrl.startsWith('https:')) directives['upgrade-insecure-requests'] = [];
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: kind === 'queue-dashboard' ? 'sameorigin' : 'deny' },
    strictTransportSecurity: config.isProduction ? { maxAge: HSTS_SECONDS, includeSubDomains: true } : false,
  };
}

/**
 * What every API answer carries (JSON, the SSE stream, webhooks' acknowledgements, the embed script):
 * nothing may be framed or run from it, no sniffing it into HTML, HSTS in production. Written as
 * one precomputed object in a route hook: building helmet's middleware for every request costs
 * about 24 µs, as much as the rest of a plain GET.
 */
export function apiHeaders(config: AppConfig): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    ...(config.isProduction ? { 'strict-transport-security': `max-age=${HSTS_SECONDS}; includeSubDomains` } : {}),
  };
}

function prependHook(existing: RouteOptions['onRequest'], hook: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void): RouteOptions['onRequest'] {
  if (!existing) return hook;
  return [hook, ...(Array.isArray(existing) ? existing : [existing])] as RouteOptions['onRequest'];
}

/**
 * Security headers on every route registered from now on (call it before the routes are added):
 * pages (the SPA, Swagger UI at /docs, bull-board at /admin/queues) through @fastify/helmet with
 * their own policy each, the API with apiHeaders(). The SPA's history fallback (served by the
 * error filter) sets its own with `reply.helmet()`.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  // Not global: only the routes given a policy below pay for helmet.
  await fastify.register(fastifyHelmet, { global: false, ...helmetOptionsFor('app', config) });
  const pages: Record<PageKind, FastifyHelmetOptions> = {
    app: helmetOptionsFor('app', config),
    docs: helmetOptionsFor('docs', config),
    'queue-dashboard': helmetOptionsFor('queue-dashboard', config),
  };
  const api = apiHeaders(config);
  const setApiHeaders = (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    void reply.headers(api);
    done();
  };
  fastify.addHook('onRoute', (route) => {
    const kind = pageKindOf(route.url ?? route.path ?? '');
    if (kind === null) route.onRequest = prependHook(route.onRequest, setApiHeaders);
    else route.config = { ...(route.config as object), helmet: pages[kind] } as RouteOptions['config'];
  });
}
