import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort, load, median, prepareBenchDatabase, startApiProcess, stopProcess, waitForHttp } from './support';

export interface FrameworkBenchResult {
  bareFastifyRps: number;
  nestRps: number;
  /** The median of the rounds' ratios (Nest ÷ bare, each pair measured back to back). */
  ratio: number;
  /** The lowest and highest round ratio: how much the machine moved during the run. */
  ratioRange: [number, number];
  nestP99Ms: number;
  rounds: number;
}

/**
 * A validated GET through the whole Nest pipeline (global guard, validation pipe, exception filter,
 * request logging hook; no database) against a bare Fastify hello-world. Each round measures the
 * two back to back, so that both see the same machine load, and yields one ratio; the figure is the
 * median of the rounds' ratios. On a shared machine a neighbour's burst can halve one round's
 * figure: many short rounds and a median keep one burst from deciding the result.
 */
export async function runFrameworkBench(rounds = 7, seconds = 3): Promise<FrameworkBenchResult> {
  const databaseUrl = await prepareBenchDatabase();
  const barePort = await freePort();
  const bare = spawn(process.execPath, [resolve(__dirname, 'bare-fastify.server.js')], {
    env: { ...process.env, PORT: String(barePort) },
    stdio: 'inherit',
  });
  const bareUrl = `http://127.0.0.1:${barePort}/hello`;
  await waitForHttp(bareUrl);
  const api = await startApiProcess({ DATABASE_URL: databaseUrl, REDIS_URL: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/15' });
  const nestUrl = `${api.url}/v1/plans?plan=pro`;
  try {
    await load({ url: bareUrl, duration: 2 });
    await load({ url: nestUrl, duration: 2 });
    const bareRps: number[] = [];
    const nestRps: number[] = [];
    const nestP99: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < rounds; i++) {
      // Which goes first alternates, so that neither always follows the other's load.
      const first = i % 2 === 0 ? bareUrl : nestUrl;
      const results = new Map([[first, await load({ url: first, duration: seconds })]]);
      const second = first === bareUrl ? nestUrl : bareUrl;
      results.set(second, await load({ url: second, duration: seconds }));
      const bare = results.get(bareUrl)!;
      const nest = results.get(nestUrl)!;
      if (nest.non2xx > 0 || nest.errors > 0) throw new Error(`the Nest endpoint answered ${nest.non2xx} non-2xx and ${nest.errors} errors`);
      bareRps.push(bare.requestsPerSecond);
      nestRps.push(nest.requestsPerSecond);
      nestP99.push(nest.p99Ms);
      ratios.push(nest.requestsPerSecond / bare.requestsPerSecond);
    }
    return {
      bareFastifyRps: median(bareRps),
      nestRps: median(nestRps),
      ratio: median(ratios),
      ratioRange: [Math.min(...ratios), Math.max(...ratios)],
      nestP99Ms: median(nestP99),
      rounds,
    };
  } finally {
    await api.stop();
    await stopProcess(bare);
  }
}
