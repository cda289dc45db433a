import Fastify, { FastifyInstance } from 'fastify';
import { registerCookies } from './cookies';

describe('registerCookies', () => {
  let app: FastifyInstance;
  let parsedOn: string[];

  beforeEach(async () => {
    parsedOn = [];
    app = Fastify();
    registerCookies(app);
    app.get('/read', async (request) => ({ first: request.cookies, again: request.cookies === request.cookies }));
    app.get('/ignore', async () => ({ ok: true }));
    app.get('/set', async (_request, reply) => {
      reply.setCookie('session', 'one', { path: '/', httpOnly: true });
      reply.setCookie('csrf', 'two', { path: '/' });
      reply.setCookie('session', 'three', { path: '/', httpOnly: true }); // replaces the first
      return { ok: true };
    });
    app.get('/clear', async (_request, reply) => reply.clearCookie('session', { path: '/', httpOnly: true }).send({ ok: true }));
    app.addHook('onResponse', async (request) => {
      parsedOn.push(`${request.url}:${Object.getOwnPropertySymbols(request).some((s) => (request as unknown as Record<symbol, unknown>)[s] !== null && s.description === 'beaker.cookies')}`);
    });
    await app.ready();
  });

  afterEach(() => app.close());

  it('parses the Cookie header when read, once per request', async () => {
    const res = await app.inject({ method: 'GET', url: '/read', headers: { cookie: 'a=1; b=x%20y' } });
    expect(res.json()).toEqual({ first: { a: '1', b: 'x y' }, again: true });
    const none = await app.inject({ method: 'GET', url: '/read' });
    expect(none.json().first).toEqual({});
  });

  it('does not parse cookies a request never reads', async () => {
    await app.inject({ method: 'GET', url: '/ignore', headers: { cookie: 'a=1' } });
    await app.inject({ method: 'GET', url: '/read', headers: { cookie: 'a=1' } });
    expect(parsedOn).toEqual(['/ignore:false', '/read:true']);
  });

  it('writes one Set-Cookie per name, the last value winning, SameSite=Lax by default', async () => {
    const res = await app.inject({ method: 'GET', url: '/set' });
    expect(res.headers['set-cookie']).toEqual(['session=three; Path=/; HttpOnly; SameSite=Lax', 'csrf=two; Path=/; SameSite=Lax']);
  });

  it('clears a cookie by expiring it', async () => {
    const res = await app.inject({ method: 'GET', url: '/clear' });
    expect(res.headers['set-cookie']).toBe('session=; Max-Age=0; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax');
  });

  it('sends no Set-Cookie when none was set', async () => {
    const res = await app.inject({ method: 'GET', url: '/ignore' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});
