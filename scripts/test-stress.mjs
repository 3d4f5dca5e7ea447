#!/usr/bin/env node
// npm run test:stress: the whole `npm test -- --force` (no turbo cache) several times in a row
// while a busy loop keeps one core at 100 %, as a learner's browser and editor would. A test
// that only passes on a quiet machine fails here.
//   npm run test:stress               three runs
//   npm run test:stress -- --runs 5   five
import { spawn } from 'node:child_process';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg === -1 ? 3 : Number(process.argv[runsArg + 1]);
if (!Number.isInteger(runs) || runs < 1) {
  console.error('test:stress: --runs takes a whole number of runs, 1 or more');
  process.exit(2);
}

// Normal priority on purpose: it competes for the cores like any other program would.
const hog = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
const stopHog = () => {
  if (hog.exitCode === null && hog.signalCode === null) process.kill(hog.pid, 'SIGKILL');
};
process.on('exit', stopHog);

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopHog();
    // The run is a process group of its own (npm, turbo, jest, the labs): stop all of it.
    if (current?.exitCode === null) process.kill(-current.pid, signal);
    console.error(`\ntest:stress: stopped by ${signal}`);
    process.exit(130);
  });
}

/** One `npm test -- --force`; resolves with whether it passed and how long it took. */
function runNpmTest() {
  const started = Date.now();
  return new Promise((resolve) => {
    current = spawn('npm', ['test', '--', '--force'], {
      cwd: repoRoot,
      stdio: 'inherit',
      detached: true,
    });
    current.once('exit', (code) =>
      resolve({ passed: code === 0, seconds: Math.round((Date.now() - started) / 1000) }),
    );
  });
}

console.log(
  `test:stress: ${runs} run(s) of npm test -- --force, one core kept busy (pid ${hog.pid})`,
);
const results = [];
for (let run = 1; run <= runs; run++) {
  console.log(`\n=== test:stress: run ${run} of ${runs}`);
  const result = await runNpmTest();
  results.push(result);
  console.log(
    `=== test:stress: run ${run} ${result.passed ? 'passed' : 'FAILED'} in ${result.seconds} s`,
  );
}
stopHog();

const passed = results.filter((result) => result.passed).length;
const times = results.map((result) => `${result.seconds} s`).join(', ');
console.log(`\ntest:stress: ${passed} of ${runs} runs passed (${times})`);
process.exit(passed === runs ? 0 : 1);
