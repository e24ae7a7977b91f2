/**
 * Test tiers: `*.spec.ts` unit (pure logic, no I/O), `*.int-spec.ts` integration and `*.e2e-spec.ts`
 * end to end (real PostgreSQL and a real Temporal server, started by test/support/global-setup.ts).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // ESM-only packages (jose, openid-client, oauth4webapi, @fastify/static's content-disposition, @fastify/cookie's cookie 2,
  // which @fastify/cookie loads with import()): swc makes CommonJS of them for jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|content-disposition|openid-client|oauth4webapi|@fastify/cookie|cookie)/)'],
  moduleNameMapper: { '^@kp/(\\w+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
  testEnvironment: 'node',
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps,workflows,scripts}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-timeouts.ts'],
    },
  ],
};
