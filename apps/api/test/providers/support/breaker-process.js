/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node as a child process */
// A second Node process sharing Redis with the test: runs our real ProviderCircuitBreakers (the
// TypeScript sources, compiled on the fly with SWC) and reports, as JSON lines on stdout, when it
// sees a breaker opened by another process and whether it then fails fast without calling out.
require('reflect-metadata');
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../../..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@beaker/contracts') return path.join(root, 'libs/contracts/src/index.ts');
  return resolve.call(this, request, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

// Our JSON lines are the only stdout the test reads.
require('@nestjs/common').Logger.overrideLogger(false);

const src = path.join(root, 'apps/api/src');
const { RedisService } = require(path.join(src, 'common/redis/redis.service.ts'));
const { AppConfig } = require(path.join(src, 'config/app-config.ts'));
const { ProviderCircuitBreakers } = require(path.join(src, 'integrations/resilience/provider-circuit-breakers.ts'));
const { ResiliencePolicy, SystemResilienceTiming } = require(path.join(src, 'integrations/resilience/resilience.policy.ts'));

const name = process.argv[2] || 'vapi:get_call';
const say = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

async function main() {
  const redis = new RedisService(AppConfig.fromEnv(process.env));
  const breakers = new ProviderCircuitBreakers(redis, new ResiliencePolicy({ syncIntervalMs: 500 }), new SystemResilienceTiming());
  await breakers.start();
  say({ ready: true, pid: process.pid });
  while (breakers.localState(name) !== 'open') await new Promise((r) => setTimeout(r, 2));
  const seenOpenAt = Date.now();
  let called = false;
  let error;
  const durations = [];
  const cpu = [];
  for (let i = 0; i < 20; i++) {
    const started = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    try {
      await breakers.run(name, async () => {
        called = true;
        return 'reached the provider';
      });
    } catch (err) {
      error = err.code;
    }
    durations.push(Number(process.hrtime.bigint() - started) / 1e6);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  durations.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  // Median wall time, and 95th percentile of CPU time (a loaded machine can stall any single call).
  const failFastMs = durations[Math.floor(durations.length / 2)];
  const failFastCpuMs = cpu[Math.ceil(cpu.length * 0.95) - 1];
  say({ seenOpenAt, called, error, failFastMs, failFastCpuMs });
  await breakers.stop();
  await redis.onApplicationShutdown();
}

main().catch((err) => {
  say({ error: String(err && err.stack ? err.stack : err) });
  process.exit(1);
});
