/** Unit, mock and emulator-backed integration tests in one run. */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest', '<rootDir>/test/support/fuzz-seed.ts'],
  testTimeout: 30000,
};

module.exports = {
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test'], testPathIgnorePatterns: ['/node_modules/', '/test/integration/', '\\.integration\\.test\\.ts$'] },
    // Against moto server: one per jest worker, started only when an integration test is selected.
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test'],
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/**/*.integration.test.ts'],
      globalSetup: '<rootDir>/test/integration/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/support/global-teardown.ts',
    },
  ],
};
