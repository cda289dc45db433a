import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort, load, median, prepareBenchDatabase, startApiProcess, stopProcess, waitForHttp } from './support';

export interface FrameworkBenchResult {
  bareFastifyRps: number;
  nestRps: number;
  ratio: number;
  nestP99Ms: number;
  rounds: number;
}

/**
 * A validated GET through the whole Nest pipeline (global guard, validation pipe, exception filter,
 * request logging hook; no database) against a bare Fastify hello-world, alternating rounds so that
 * both see the same machine load. The ratio of medians is the figure.
 */
export async function runFrameworkBench(rounds = 3): Promise<FrameworkBenchResult> {
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
    for (let i = 0; i < rounds; i++) {
      bareRps.push((await load({ url: bareUrl })).requestsPerSecond);
      const nest = await load({ url: nestUrl });
      if (nest.non2xx > 0 || nest.errors > 0) throw new Error(`the Nest endpoint answered ${nest.non2xx} non-2xx and ${nest.errors} errors`);
      nestRps.push(nest.requestsPerSecond);
      nestP99.push(nest.p99Ms);
    }
    const bareMedian = median(bareRps);
    const nestMedian = median(nestRps);
    return { bareFastifyRps: bareMedian, nestRps: nestMedian, ratio: nestMedian / bareMedian, nestP99Ms: median(nestP99), rounds };
  } finally {
    await api.stop();
    await stopProcess(bare);
  }
}
