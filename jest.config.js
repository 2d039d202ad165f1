/** Unit, mock and emulator-backed integration tests in one run. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  testTimeout: 30000,
};
