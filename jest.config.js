// One Jest configuration for the whole monorepo. SWC compiles TypeScript (with
// decorator metadata, which Nest needs) far faster than ts-jest; type errors are
// caught by `npm run lint` (tsc --noEmit), not here.
const { existsSync } = require('node:fs');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['apps', 'libs', 'charts', 'docker', 'k6', 'tools', 'bench']
    .filter((dir) => existsSync(`${__dirname}/${dir}`))
    .map((dir) => `<rootDir>/${dir}`),
  testRegex: '\\.(spec|int-spec|e2e-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    // The k6 scripts and their libraries are ES modules (plain JavaScript): compile them to
    // CommonJS so the k6 suites can import them.
    '^.+/k6/.+\\.js$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022', keepClassNames: true },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@pets/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@pets/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  // Which real datastores the suites get is decided once, before they run.
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};
