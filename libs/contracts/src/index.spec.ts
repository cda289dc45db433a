import { readdirSync } from 'node:fs';
import * as contracts from './index';

describe('@beaker/contracts', () => {
  // A new file of contracts that index.ts forgets would be invisible to the api and the web.
  const modules = readdirSync(__dirname).filter((file) => /^[a-z-]+\.ts$/.test(file) && file !== 'index.ts');

  it.each(modules)('exports everything %s exports', async (file) => {
    const module: Record<string, unknown> = await import(`./${file.replace(/\.ts$/, '')}`);
    for (const [name, value] of Object.entries(module)) expect({ name, value: (contracts as Record<string, unknown>)[name] }).toEqual({ name, value });
  });
});
