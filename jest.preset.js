// Shared by every jest project: TypeScript through SWC with Nest's decorator metadata.
module.exports = {
  testEnvironment: 'node',
  transform: {
    // Some of Fastify's dependencies ship ES modules only (cookie 2, content-disposition 3); jest needs CommonJS.
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  moduleNameMapper: {
    '^@beaker/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  },
};
