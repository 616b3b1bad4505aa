/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testRegex: '.*\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@rung/contracts$': '<rootDir>/libs/contracts/src',
    '^@rung/domain$': '<rootDir>/libs/domain/src',
    '^@rung/stats$': '<rootDir>/libs/stats/src',
    '^@rung/analytics$': '<rootDir>/libs/analytics/src',
    '^@rung/simulator$': '<rootDir>/libs/simulator/src',
    '^@rung/platform$': '<rootDir>/libs/platform/src',
    '^@rung/event-store$': '<rootDir>/libs/event-store/src',
    '^@rung/projections$': '<rootDir>/libs/projections/src',
    '^@rung/access$': '<rootDir>/libs/access/src',
    '^@rung/audit$': '<rootDir>/libs/audit/src',
    '^@rung/app-(ingest|projector|query)$': '<rootDir>/apps/$1/src',
    '^@rung/testing$': '<rootDir>/test/support',
  },
  globalSetup: '<rootDir>/test/global-setup.js',
  maxWorkers: 2,
  testTimeout: 30000,
};
