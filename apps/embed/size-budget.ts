import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What the embed script may weigh on the wire (issue 15: ≤ 15 KB gzip). */
export const EMBED_GZIP_BUDGET_BYTES = 15 * 1024;

export function gzipSize(code: string): number {
  return gzipSync(code, { level: 9 }).length;
}

/**
 * Prints the gzip size of each emitted chunk and fails the build when one is over `maxGzipBytes`:
 * the script loads on other people's pages, so its weight is a promise, checked on every build.
 */
export function sizeBudget(maxGzipBytes: number = EMBED_GZIP_BUDGET_BYTES): Plugin {
  return {
    name: 'beaker-size-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const size = gzipSize(chunk.code);
        const line = `${chunk.fileName}: ${(size / 1024).toFixed(2)} KB gzip (budget ${(maxGzipBytes / 1024).toFixed(2)} KB)`;
        if (size > maxGzipBytes) this.error(`Over the size budget: ${line}`);
        console.log(`size budget ✓ ${line}`);
      }
    },
  };
}
