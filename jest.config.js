/** Tests run the TypeScript sources directly; `npm run typecheck` does the type checking. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup-nock.ts', '<rootDir>/test/secrets/capture-logs.ts', '<rootDir>/test/contract/record-requests.ts'],
  globalSetup: '<rootDir>/test/secrets/global-setup.ts',
  globalTeardown: '<rootDir>/test/secrets/global-teardown.ts',
  testTimeout: 20000,
};
