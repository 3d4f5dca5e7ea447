#!/usr/bin/env node
// Every package's `pretest`: builds the package and everything it depends on (turbo, from
// its cache when nothing changed), so `npm test -w chapters/03-sticky` works on a fresh
// clone and after an edit tests the edit, not an old dist/.
// Inside the root `npm test`, which built everything before starting the packages' tests
// side by side, it does nothing: a build here would rewrite dist/ under servers that another
// package's tests are running.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

if (process.env.SESSIONS_TESTS_PREBUILT) process.exit(0);

const packageName = process.env.npm_package_name;
if (!packageName) {
  console.error('build-before-test: run me through npm (npm test -w <package>)');
  process.exit(1);
}

const repoRoot = path.resolve(import.meta.dirname, '..');
const result = spawnSync(
  'turbo',
  ['run', 'build', `--filter=${packageName}...`, '--output-logs=errors-only'],
  {
    cwd: repoRoot,
    env: {
      ...process.env,
      PATH: [path.join(repoRoot, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
      TURBO_TELEMETRY_DISABLED: '1',
    },
    stdio: 'inherit',
  },
);
if (result.error) throw result.error;
process.exit(result.status ?? 1);
