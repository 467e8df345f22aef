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
  // Two worker processes, each replaced once it holds 300 MB after a file: on two cores jest would
  // otherwise run every file in one process, whose memory grows until zapier-platform-core's
  // Lambda guard (exit after 250 invocations above 450 MB) ends a sandbox or replay file.
  maxWorkers: 2,
  workerIdleMemoryLimit: '300MB',
};
