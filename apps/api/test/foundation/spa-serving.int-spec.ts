import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startApp, TestApp } from '../harness';

const LANDING = '<div id="root" data-prerendered="/"><h1>Every call answered.</h1></div>';
const SHELL = '<div id="root"></div>';

function page(root: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Beaker</title><script type="module" crossorigin src="/assets/index-abc123.js"></script></head><body>${root}</body></html>`;
}

/** Writes a file with its .br and .gz beside it, as the web build does. */
function writeCompressed(path: string, body: string): void {
  writeFileSync(path, body);
  writeFileSync(`${path}.br`, brotliCompressSync(body));
  writeFileSync(`${path}.gz`, gzipSync(body));
}

/** A built SPA as the web build writes it: the prerendered landing page, the empty shell, hashed assets. */
function builtSpa({ withShell = true } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'beaker-web-'));
  mkdirSync(join(dir, 'assets'));
  writeCompressed(join(dir, 'index.html'), page(LANDING));
  if (withShell) writeCompressed(join(dir, 'spa.html'), page(SHELL));
  writeCompressed(join(dir, 'assets/index-abc123.js'), `document.title = "Beaker";\n${'// padding\n'.repeat(50)}`);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('serving the built SPA', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { WEB_DIST: builtSpa() } });
  });
  afterAll(async () => t.close());

  it('answers / with the prerendered landing page, Brotli or gzip as the browser accepts, revalidated on every visit', async () => {
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['identity', null],
    ] as const) {
      const res = await t.request('/', { headers: { accept: 'text/html', 'accept-encoding': accept } });
      expect([accept, res.status, res.headers.get('content-encoding')]).toEqual([accept, 200, encoding]);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(await res.text()).toContain(LANDING);
    }
  });

  it('answers every other client-side route with the empty shell, never the landing page', async () => {
    for (const path of ['/sign-in', '/try?industry=hvac', '/app/businesses/5f0c6a53-0b6f-4c9b-9a43-0a7c1d6f2e11/settings', '/admin/users']) {
      const res = await t.request(path, { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
      expect([path, res.status, res.headers.get('content-encoding'), res.headers.get('cache-control')]).toEqual([path, 200, 'br', 'no-cache']);
      const html = await res.text();
      expect(html).toContain(SHELL);
      expect(html).not.toContain('data-prerendered');
    }
  });

  it('answers a revalidation of a page with 304 when it has not changed', async () => {
    const first = await t.request('/', { headers: { 'accept-encoding': 'br' } });
    await first.text();
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // node:http, not fetch: fetch adds Cache-Control: no-cache to a conditional request, which asks for the page anew.
    const status = await new Promise<number | undefined>((ok, fail) =>
      get(`${t.baseUrl}/`, { headers: { 'accept-encoding': 'br', 'if-none-match': etag! } }, (res) => ok(res.resume().statusCode)).on('error', fail),
    );
    expect(status).toBe(304);
  });

  it('caches the content-hashed assets for a year (immutable) and other files for an hour', async () => {
    const script = await t.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'br' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-encoding')).toBe('br');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await script.text()).toContain('document.title');

    const icon = await t.request('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
    await icon.text();
  });

  it('keeps a missing asset a 404 problem, not a page', async () => {
    const res = await t.request('/assets/index-gone.js', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    await res.text();
  });
});

describe('serving a built SPA without a shell (a build from before prerendering)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ env: { WEB_DIST: builtSpa({ withShell: false }) } });
  });
  afterAll(async () => t.close());

  it('answers client-side routes with index.html', async () => {
    const res = await t.request('/sign-in', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(LANDING);
  });
});
