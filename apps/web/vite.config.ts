/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { prerenderLanding } from './prerender-landing';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

// The API (default http://localhost:3000) serves these; the dev server hands them over.
const apiTarget = process.env.BEAKER_API_URL ?? 'http://localhost:3000';
const apiPaths = ['/v1', '/webhooks', '/health', '/docs', '/sandbox-assets'];

// What the app's build and the landing page's prerendering (a server build of src/prerender.tsx) share.
const shared: UserConfig = {
  root,
  plugins: [react()],
  resolve: {
    // The contracts are TypeScript source shared with the API, and the client is generated from the
    // API's OpenAPI document (libs/client); the web bundles what it imports.
    alias: {
      '@beaker/contracts': `${workspace}libs/contracts/src/index.ts`,
      '@beaker/client': `${workspace}libs/client/src/index.ts`,
    },
  },
};

export default defineConfig({
  ...shared,
  publicDir: `${root}public`,
  plugins: [
    react(),
    // index.html with the landing page's markup in it, and spa.html (the empty shell) for every other route.
    prerenderLanding({ entry: `${root}src/prerender.tsx`, outDir: `${workspace}.tmp/web-prerender`, shared }),
    // Brotli and gzip beside each built asset, both pages included: the API serves them as they are (@fastify/static preCompressed).
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/] }),
  ],
  build: {
    // The API serves the SPA from here (WEB_DIST) with history fallback.
    outDir: `${workspace}dist/apps/web`,
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(apiPaths.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: [`${root}src/test-setup.ts`],
    restoreMocks: true,
    css: false,
  },
});
