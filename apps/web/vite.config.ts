/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

// The API (default http://localhost:3000) serves these; the dev server hands them over.
const apiTarget = process.env.BEAKER_API_URL ?? 'http://localhost:3000';
const apiPaths = ['/v1', '/webhooks', '/health', '/docs', '/sandbox-assets'];

export default defineConfig({
  root,
  publicDir: `${root}public`,
  // Brotli and gzip beside each built asset: the API serves them as they are (@fastify/static preCompressed).
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.map$/] })],
  resolve: {
    // The contracts are TypeScript source shared with the API, and the client is generated from the
    // API's OpenAPI document (libs/client); the web bundles what it imports.
    alias: {
      '@beaker/contracts': `${workspace}libs/contracts/src/index.ts`,
      '@beaker/client': `${workspace}libs/client/src/index.ts`,
    },
  },
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
