// Runs the api's TypeScript sources in a plain `node` process, without a build: `node -r <this file>
// apps/api/src/worker.ts`. Transpiles with SWC exactly as the jest preset does (decorator
// metadata included) and resolves @beaker/contracts to its sources. For tests that need a real
// second process (e.g. a worker to SIGKILL).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload script, run by plain node */
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const swc = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const contracts = path.join(root, 'libs/contracts/src/index.ts');

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === '@beaker/contracts') return contracts;
  return resolve.call(this, request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = swc.transformSync(source, {
    filename,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
