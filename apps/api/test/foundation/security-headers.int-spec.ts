import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp, TestResponse } from '../harness';

/** A built SPA as Vite writes it: one module script and one stylesheet, both files of this origin. */
function builtSpa(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beaker-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Beaker</title>' +
      '<script type="module" crossorigin src="/assets/index-test.js"></script><link rel="stylesheet" crossorigin href="/assets/index-test.css"></head>' +
      '<body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets/index-test.js'), 'document.getElementById("root").textContent = "Beaker";\n');
  writeFileSync(join(dir, 'assets/index-test.css'), 'body { margin: 0; }\n');
  return dir;
}

/** The Content-Security-Policy of a response, directive → sources. */
function csp(res: TestResponse): Record<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header).toBeTruthy();
  return Object.fromEntries(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/**
 * What a browser would do with a page under its policy, without a browser: every script must be a
 * file of this origin that answers (no inline script runs under script-src 'self'); inline styles
 * need 'unsafe-inline'; any other origin the page loads from must be allowed.
 */
async function expectPageWorksUnderItsPolicy(t: TestApp, path: string, page: TestResponse, fetchAs: (path: string) => Promise<TestResponse>): Promise<void> {
  const policy = csp(page);
  const html = await page.text();
  expect(policy['script-src']).toEqual(["'self'"]);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, body] of scripts) {
    const src = /\bsrc="([^"]+)"/.exec(attributes)?.[1];
    if (!src) {
      // Data blocks (type="application/json") are not run, so no policy applies to them.
      expect([path, attributes, /type="application\/json"/.test(attributes)]).toEqual([path, attributes, true]);
      continue;
    }
    expect(body.trim()).toBe('');
    const base = /<base href="([^"]+)"/.exec(html)?.[1] ?? path;
    const url = new URL(src, new URL(base, t.baseUrl));
    expect([src, url.origin]).toEqual([src, t.baseUrl]);
    const script = await fetchAs(url.pathname);
    expect([url.pathname, script.status]).toEqual([url.pathname, 200]);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    // Read to the end: a response left unread keeps its connection busy, and closing the app
    // waits for it (Swagger UI's bundle is larger than the socket's buffers).
    expect((await script.text()).length).toBeGreaterThan(0);
  }
  if (/<style\b|\bstyle="/i.test(html)) expect(policy['style-src']).toContain("'unsafe-inline'");
  for (const [, href] of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/gi)) {
    const url = new URL(href, t.baseUrl);
    if (url.origin !== t.baseUrl) expect([href, policy['style-src']]).toEqual([href, expect.arrayContaining([url.origin])]);
  }
}

function expectNeverFramed(res: TestResponse): void {
  expect(csp(res)['frame-ancestors']).toEqual(["'none'"]);
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('security headers', () => {
  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startApp({ env: { NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'test-security-headers-session-secret-0123456789', WEB_DIST: builtSpa() } });
      await resetState(t);
    });
    afterAll(async () => t.close());

    it('serves the SPA under a strict policy: nothing inline, nothing from elsewhere, never framed, HSTS', async () => {
      for (const path of ['/', '/trials/new', '/admin/users']) {
        const page = await t.request(path, { headers: { accept: 'text/html' } });
        expect([path, page.status]).toEqual([path, 200]);
        expectNeverFramed(page);
        const policy = csp(page);
        expect(policy['default-src']).toEqual(["'self'"]);
        expect(policy['style-src']).toEqual(["'self'"]);
        expect(policy['object-src']).toEqual(["'none'"]);
        expect(policy['connect-src']).toEqual(["'self'"]);
        expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
        await expectPageWorksUnderItsPolicy(t, path, page, (p) => t.request(p));
      }
      const asset = await t.request('/assets/index-test.css');
      expect(asset.status).toBe(200);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('serves Swagger UI at /docs under a policy it works with (its scripts are its own files)', async () => {
      const page = await t.request('/docs');
      expect(page.status).toBe(200);
      expectNeverFramed(page);
      await expectPageWorksUnderItsPolicy(t, '/docs', page, (p) => t.request(p));
      expect((await t.request('/docs-json')).status).toBe(200);
    });

    it('serves bull-board at /admin/queues under a policy it works with, framed by this origin only (the admin health page)', async () => {
      const admin = await signInAs(t, 'staff@beaker.test', { role: 'admin' });
      const page = await admin.request('/admin/queues');
      expect(page.status).toBe(200);
      expect(csp(page)['frame-ancestors']).toEqual(["'self'"]);
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      // The page that frames it is never framed itself.
      expectNeverFramed(await admin.request('/admin/health', { headers: { accept: 'text/html' } }));
      await expectPageWorksUnderItsPolicy(t, '/admin/queues', page, (p) => admin.request(p));
      expect((await admin.request('/admin/queues/api/queues')).status).toBe(200);
    });

    it('answers the API with a policy that allows nothing, never framed, HSTS', async () => {
      for (const path of ['/v1/plans', '/health/live', '/v1/me']) {
        const res = await t.request(path);
        expectNeverFramed(res);
        expect(csp(res)['default-src']).toEqual(["'none'"]);
        expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      }
    });

    it('lets other sites load the lead form script (its resource policy says cross-origin, never same-origin)', async () => {
      const res = await t.request('/embed/v1.js');
      expect(res.status).toBe(200);
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    });
  });

  describe('in development and test', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startApp({ env: { WEB_DIST: builtSpa() } });
    });
    afterAll(async () => t.close());

    it('sends no HSTS (plain http on localhost) and lets the development inbox show emails with their own styles', async () => {
      const page = await t.request('/dev/inbox', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expectNeverFramed(page);
      expect(page.headers.get('strict-transport-security')).toBeNull();
      expect(csp(page)['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp(page)['upgrade-insecure-requests']).toBeUndefined();
    });
  });
});
