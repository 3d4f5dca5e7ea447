// One Jest configuration for every package. Jest runs in native ESM mode
// (node --experimental-vm-modules) because NestJS 12 ships ES modules only;
// swc strips types and must emit decorator metadata or Nest's injection breaks.
import path from 'node:path';

const repoRoot = import.meta.dirname;

// Exercise checks fail until the learner has done the exercise, so `npm test` never runs
// them; `npm run exercise` sets this variable and names the one check to run.
const exerciseCheckRequested = process.env.SESSIONS_EXERCISE_CHECK === '1';

/** @param {string} packageDir the folder of the package's jest.config.mjs */
export function jestConfig(packageDir, overrides = {}) {
  return {
    rootDir: packageDir,
    testEnvironment: 'node',
    extensionsToTreatAsEsm: ['.ts'],
    moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
    testMatch: [
      '<rootDir>/src/**/*.spec.ts',
      '<rootDir>/lab/**/*.spec.ts',
      '<rootDir>/test/**/*.e2e-spec.ts',
      '<rootDir>/exercises/*/check.e2e-spec.ts',
    ],
    testPathIgnorePatterns: exerciseCheckRequested
      ? ['/node_modules/']
      : ['/node_modules/', '/exercises/'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
          },
          module: { type: 'es6' },
        },
      ],
    },
    // Workspace packages are tested from their TypeScript source, so a test never
    // runs against a stale build of a neighbour.
    moduleNameMapper: {
      '^@sessions/([a-z-]+)$': path.join(repoRoot, 'shared/$1/src/index.ts'),
      // A chapter's lab package exports (package.json "exports"), from the chapter's lab/.
      '^@sessions/chapter-([0-9a-z-]+)/lab$': path.join(repoRoot, 'chapters/$1/lab/lab.ts'),
      '^@sessions/chapter-([0-9a-z-]+)/experiments$': path.join(
        repoRoot,
        'chapters/$1/lab/experiments/index.ts',
      ),
      '^@sessions/chapter-([0-9a-z-]+)/experiments/([a-z-]+)$': path.join(
        repoRoot,
        'chapters/$1/lab/experiments/$2.ts',
      ),
    },
    cacheDirectory: path.join(repoRoot, 'node_modules/.cache/jest'),
    // Above the 60 s a lab's server is given to start (serverReadyTimeoutMs), so a slow start
    // on a busy machine fails with the harness's message, not a bare hook timeout.
    testTimeout: 120_000,
    // A worker asked to end exits at once, but on a busy machine jest may hear of it more than
    // its default 500 ms later, kill it and report a leak that is not one. A worker that really
    // holds a handle open (a timer, a socket) is still reported, after 5 s.
    workerGracefulExitTimeout: 5_000,
    // Inside the root `npm test`, which runs several packages side by side, the runner says how
    // many test files each package runs at once (scripts/run-tests.mjs, --workers).
    ...(process.env.SESSIONS_JEST_WORKERS
      ? { maxWorkers: Number(process.env.SESSIONS_JEST_WORKERS) }
      : {}),
    ...overrides,
  };
}
