import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NODE_OPTIONS, withNodeOptions } from './runtime-options';

describe('runtime options', () => {
  it('are what the Docker image runs the API and the worker with', () => {
    const dockerfile = readFileSync(resolve(__dirname, '../../../Dockerfile'), 'utf8');
    const env = [...dockerfile.matchAll(/^ENV NODE_OPTIONS="([^"]*)"$/gm)].map((m) => m[1]);
    expect(env).toEqual([NODE_OPTIONS]);
  });

  it('are added to the NODE_OPTIONS a caller already has, and give way to a semi-space size it chose', () => {
    expect(withNodeOptions({}).NODE_OPTIONS).toBe(NODE_OPTIONS);
    expect(withNodeOptions({ NODE_OPTIONS: '--enable-source-maps' }).NODE_OPTIONS).toBe(`--enable-source-maps ${NODE_OPTIONS}`);
    expect(withNodeOptions({ NODE_OPTIONS: '--max-semi-space-size=64' }).NODE_OPTIONS).toBe('--max-semi-space-size=64');
  });
});
