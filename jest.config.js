const preset = require('./jest.preset');

// One config, one jest project per test tier: Nx runs each with --selectProjects
// (api:test-unit → unit, api:test-integration → integration, contracts:test-unit → contracts, client:test-unit → client).
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      ...preset,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/apps/api/src/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      rootDir: __dirname,
      testMatch: ['<rootDir>/apps/api/test/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/apps/api/test/global-setup.ts',
      globalTeardown: '<rootDir>/apps/api/test/global-teardown.ts',
      setupFiles: ['<rootDir>/apps/api/test/env.ts'],
    },
    {
      ...preset,
      displayName: 'contracts',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/contracts/src/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'client',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/client/src/**/*.spec.ts'],
    },
  ],
};
