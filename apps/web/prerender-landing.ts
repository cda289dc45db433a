import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin, type UserConfig } from 'vite';

const ROOT_ELEMENT = '<div id="root"></div>';

interface PrerenderOptions {
  /** The module whose `renderPage(path)` returns a page's markup (src/prerender.tsx). */
  entry: string;
  /** Where the server build of that module goes: inside the workspace, so that it finds its packages in node_modules. */
  outDir: string;
  /** What the server build shares with the app's own build (root, aliases, plugins). */
  shared: UserConfig;
}

/**
 * Writes the landing page's markup into the built index.html, so that a visitor's first paint needs
 * the HTML and the stylesheet only, not the app's JavaScript (Lighthouse, issue 18 item 7); main.tsx
 * hydrates it. The empty shell is kept as spa.html: the API answers every other client-side route
 * with it, so that no other page flashes the landing page before its own.
 *
 * Runs in generateBundle as a post plugin: after Vite's HTML plugin has put index.html into the
 * bundle, and before the compression plugin (which runs inside Vite's own post-build plugins)
 * compresses both pages.
 */
export function prerenderLanding({ entry, outDir, shared }: PrerenderOptions): Plugin {
  let serverBuild = false;
  return {
    name: 'beaker:prerender-landing',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      serverBuild = Boolean(config.build.ssr);
    },
    async generateBundle(_options, bundle) {
      if (serverBuild) return;
      const page = bundle['index.html'];
      if (page?.type !== 'asset') return this.error('index.html is missing from the bundle');
      const shell = String(page.source);
      if (!shell.includes(ROOT_ELEMENT)) return this.error(`index.html has no ${ROOT_ELEMENT} to fill`);

      await build({
        ...shared,
        configFile: false,
        logLevel: 'warn',
        build: { ssr: entry, outDir, emptyOutDir: true, sourcemap: false, rollupOptions: { output: { entryFileNames: 'prerender.mjs' } } },
      });
      try {
        const { renderPage } = (await import(pathToFileURL(join(outDir, 'prerender.mjs')).href)) as { renderPage: (path: string) => Promise<string> };
        const markup = await renderPage('/');
        page.source = shell.replace(ROOT_ELEMENT, `<div id="root" data-prerendered="/">${markup}</div>`);
      } finally {
        rmSync(outDir, { recursive: true, force: true });
      }
      this.emitFile({ type: 'asset', fileName: 'spa.html', source: shell });
    },
  };
}
