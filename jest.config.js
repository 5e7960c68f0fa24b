// One Jest run over every project: ESM + SWC (decorator metadata for NestJS).
// Run with NODE_OPTIONS=--experimental-vm-modules (the npm scripts set it).
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleNameMapper: {
    '^@pronote/platform$': '<rootDir>/tools/platform/index.ts',
    '^@pronote/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{libs,services,tools,deploy,bench,e2e}/**/*.{spec,test}.ts'],
  testTimeout: 30000,
  // Integration tests share the machine's Postgres/Redis/NATS; two workers match the 2-core machine.
  maxWorkers: 2,
};
