// @vitest-environment node
// esbuild (inside vite's build) refuses to load in a jsdom environment: these tests start in Node,
// and the one that runs the built script gives itself a jsdom window for that.
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it, vi } from 'vitest';
import { builtinEnvironments } from 'vitest/environments';
import { API, json, publicForm } from './test/fake-api';
import { EMBED_GZIP_BUDGET_BYTES, gzipSize, sizeBudget } from './size-budget';

const configFile = fileURLToPath(new URL('./vite.config.ts', import.meta.url));

/** Builds /embed/v1.js as `nx build embed` does, in memory. */
async function buildEmbed(overrides: { plugins?: ReturnType<typeof sizeBudget>[] } = {}): Promise<string> {
  const output = (await build({ configFile, logLevel: 'silent', build: { write: false }, ...overrides })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
  expect(chunks.map((c) => c.fileName)).toEqual(['v1.js']);
  return chunks[0].code;
}

describe('the built script', () => {
  it(`is at most ${EMBED_GZIP_BUDGET_BYTES / 1024} KB gzip`, { timeout: 30_000 }, async () => {
    const code = await buildEmbed();

    expect(gzipSize(code)).toBeLessThanOrEqual(EMBED_GZIP_BUDGET_BYTES);
    // Of the contracts, only what it uses: types vanish, the enums and the plan catalog stay out.
    expect(code).not.toMatch(/UNSUBSCRIBE|speed_to_lead|inbound_call/);
  });

  it('is ASCII only, so it reads the same whatever charset the page or the server declares', { timeout: 30_000 }, async () => {
    const code = await buildEmbed();

    expect(code.match(/[\u0080-\uffff]/g) ?? []).toEqual([]);
    expect(code).toContain('Beaker \\u2192 Forms');
  });

  it('fails the build when it is over the budget', { timeout: 30_000 }, async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await expect(buildEmbed({ plugins: [sizeBudget(1024)] })).rejects.toThrow(/Over the size budget: v1\.js: \d+\.\d\d KB gzip \(budget 1\.00 KB\)/);
    log.mockRestore();
  });

  it('runs as a classic script: mounts the snippet’s form and defines window.BeakerForms only', { timeout: 30_000 }, async () => {
    const code = await buildEmbed();
    const page = await builtinEnvironments.jsdom.setup(globalThis, { jsdom: { url: 'https://acme.example/contact' } });
    try {
      document.body.innerHTML = `<script src="${API}/embed/v1.js" data-form="form_1" async></script>`;
      const fetchMock = vi.fn(async () => json(200, publicForm()));
      vi.stubGlobal('fetch', fetchMock);
      const before = new Set(Object.keys(window));

      // Indirect eval: the code runs in the global scope, as a <script> does.
      (0, eval)(code);

      expect(Object.keys(window).filter((key) => !before.has(key))).toEqual(['BeakerForms']);
      const host = document.querySelector('[data-beaker-form="form_1"]');
      await vi.waitFor(() => expect(host?.shadowRoot?.querySelector('form[aria-label="Contact Acme Plumbing"]')).toBeTruthy());
      expect(fetchMock).toHaveBeenCalledWith(`${API}/v1/forms/form_1`, expect.objectContaining({ credentials: 'omit' }));
    } finally {
      vi.unstubAllGlobals();
      await page.teardown(globalThis);
    }
  });
});
