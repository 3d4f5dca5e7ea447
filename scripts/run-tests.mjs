#!/usr/bin/env node
// npm test: builds every package once, then runs every package's tests side by side.
//   node scripts/run-tests.mjs            what `npm test` runs
//   node scripts/run-tests.mjs --full     that, plus the slow checks (`npm run test:full`)
// Other arguments go to turbo: `npm test -- --force` rebuilds and retests without the cache.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const full = args.includes('--full');
const turboArgs = args.filter((arg) => arg !== '--full');

/**
 * Packages start their servers, stores and browsers on free ports, so they can run side by
 * side. Their labs spend most of their time waiting (health checks, timeouts), so three at
 * once keep two cores busy; more would start so many servers at the same moment that, on a
 * busy machine, a start can outlast the time a server is given to answer.
 */
const concurrency = turboArgs.some((arg) => arg.startsWith('--concurrency'))
  ? []
  : ['--concurrency=3'];
// One failing package does not stop the others: a learner sees every failure in one run.
const keepGoing = turboArgs.some((arg) => arg.startsWith('--continue')) ? [] : ['--continue'];

const env = {
  ...process.env,
  PATH: [path.join(repoRoot, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
  TURBO_TELEMETRY_DISABLED: '1',
  // Everything is built before any test starts: a package's own pretest build (for
  // `npm test -w <package>`) must not rebuild dist/ under servers another package runs.
  SESSIONS_TESTS_PREBUILT: '1',
};

function turbo(turboTask) {
  const result = spawnSync('turbo', ['run', ...turboTask, ...turboArgs], {
    cwd: repoRoot,
    env,
    stdio: 'inherit',
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const built = turbo(['build', '--output-logs=errors-only']);
if (built !== 0) process.exit(built);
// --only: the builds are done; with --force turbo would otherwise run them all again.
const tasks = full ? ['test', 'test:full'] : ['test'];
process.exit(turbo([...tasks, '--only', ...concurrency, ...keepGoing]));
