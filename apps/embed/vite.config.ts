/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { sizeBudget } from './size-budget';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  root,
  publicDir: false,
  plugins: [sizeBudget()],
  resolve: {
    // Types come from the contracts' source; a value imported from them is bundled (tree-shaken).
    alias: { '@beaker/contracts': `${workspace}libs/contracts/src/index.ts` },
  },
  // ASCII only (…, → and the like as escapes): the page decides how a script without a charset is
  // decoded, and a page in windows-1252 would show mojibake.
  esbuild: { charset: 'ascii' },
  build: {
    // The API serves this file as /embed/v1.js.
    outDir: `${workspace}dist/apps/embed`,
    emptyOutDir: true,
    // Other people's pages: browsers of the last several years, not only the newest.
    target: 'es2019',
    minify: 'esbuild',
    sourcemap: false,
    lib: {
      entry: `${root}src/v1.ts`,
      // The entry exports nothing: the IIFE defines no global; it sets window.BeakerForms itself.
      formats: ['iife'],
      name: 'BeakerForms',
      fileName: () => 'v1.js',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts', '*.spec.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
