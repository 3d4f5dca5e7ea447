#!/usr/bin/env node
// npm test: builds every package once, then runs every package's tests side by side.
//   node scripts/run-tests.mjs                  what `npm test` runs
//   node scripts/run-tests.mjs --full           that, plus the slow checks (`npm run test:full`)
//   node scripts/run-tests.mjs --force          rebuild without turbo's cache, then test
//   node scripts/run-tests.mjs --concurrency 2  how many packages test at once (default 4)
//   node scripts/run-tests.mjs --workers 1      test files at once in each package (default 2)
//   node scripts/run-tests.mjs --summary F      also write the timings to F (JSON; the bench)
// At the end it prints each package's wall time and CPU time, longest first.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { childrenCpuSeconds } from './lib/children-cpu.mjs';
import { testPackages } from './lib/test-packages.mjs';
import { runScheduled } from './lib/test-schedule.mjs';

const repoRoot = path.resolve(import.meta.dirname, '..');

let options;
try {
  ({ values: options } = parseArgs({
    args: process.argv.slice(2),
    options: {
      full: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '4' },
      workers: { type: 'string' },
      summary: { type: 'string' },
      // Kept for the commands that still pass it: one failing package never stops the others.
      continue: { type: 'boolean', default: true },
    },
  }));
} catch (error) {
  console.error(`run-tests: ${error.message}`);
  console.error(
    'Options: --force (rebuild without the cache), --full, --concurrency N, --workers N, --summary FILE',
  );
  process.exit(2);
}
/** A whole number, 1 or more, or the run stops with a message naming the option. */
function countOption(name, value) {
  const count = Number(value);
  if (Number.isInteger(count) && count >= 1) return count;
  console.error(`run-tests: --${name} takes a whole number, 1 or more`);
  process.exit(2);
}
const concurrency = countOption('concurrency', options.concurrency);
// A test file mostly waits (for a crash to be noticed, a failover, a replica to catch up), so
// each package runs two at once even where its share of the cores is less than one core.
const workers = countOption(
  'workers',
  options.workers ?? Math.max(2, Math.floor(os.availableParallelism() / concurrency)),
);

const binPath = [path.join(repoRoot, 'node_modules/.bin'), process.env.PATH].join(path.delimiter);
const env = {
  ...process.env,
  PATH: binPath,
  TURBO_TELEMETRY_DISABLED: '1',
  // Everything is built before any test starts: a package's own pretest build (for
  // `npm test -w <package>`) must not rebuild dist/ under servers another package runs.
  SESSIONS_TESTS_PREBUILT: '1',
  // Jest's own default (all cores but one, in each package) would start far more workers
  // than the packages testing at once can use.
  SESSIONS_JEST_WORKERS: String(workers),
};

const runStarted = performance.now();
const cpuAtStart = childrenCpuSeconds();

const buildArgs = [
  'run',
  'build',
  '--output-logs=errors-only',
  ...(options.force ? ['--force'] : []),
];
const build = spawnSync('turbo', buildArgs, { cwd: repoRoot, env, stdio: 'inherit' });
if (build.error) throw build.error;
if (build.status !== 0) process.exit(build.status ?? 1);
const buildSeconds = (performance.now() - runStarted) / 1000;
const buildCpu = childrenCpuSeconds() - cpuAtStart;

// How long each package took last time: the longest start first, so the slowest package
// never starts last and leaves the other slots idle at the end.
const timingsFile = path.join(repoRoot, 'node_modules/.cache/sessions-tests/durations.json');
let lastDurations = {};
try {
  lastDurations = JSON.parse(readFileSync(timingsFile, 'utf8'));
} catch {
  // First run: no timings yet; the packages with the most test files start first.
}

const scripts = options.full ? ['test', 'test:full'] : ['test'];
const jobs = testPackages(repoRoot)
  .flatMap((pkg) =>
    scripts
      .filter((script) => pkg.scripts[script])
      .map((script) => ({ ...pkg, script, key: `${pkg.name}#${script}` })),
  )
  .map((job) => ({ ...job, expected: lastDurations[job.key] ?? 1000 + job.testFiles }))
  .sort((a, b) => b.expected - a.expected);

let cpuSeen = childrenCpuSeconds();

/** Runs one package's script, its output kept together and printed when it ends. */
function runJob(job) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('npm', ['run', job.script, '--silent'], {
      cwd: job.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.stack}\n`)));
    // 'exit' fires once the process is reaped: what the children's CPU counter grew since the
    // last package ended is this package (a process its tests left running counts nowhere).
    let cpuSeconds;
    child.on('exit', () => {
      const now = childrenCpuSeconds();
      cpuSeconds = now - cpuSeen;
      cpuSeen = now;
    });
    child.on('close', (code) => {
      process.stdout.write(`\n===== ${job.key} (${job.relativeDir})\n`);
      process.stdout.write(Buffer.concat(output));
      resolve({
        job,
        passed: code === 0,
        seconds: (performance.now() - started) / 1000,
        cpuSeconds,
      });
    });
  });
}

const results = [];
console.log(
  `\nrun-tests: ${jobs.length} package script(s), ${concurrency} at a time (${workers} test files at once in each), longest first`,
);
// Each package's output comes in one piece when it ends: say now and then what is still running,
// so a long package (or a stuck one) is never a silent terminal.
const running = new Map();
const heartbeat = setInterval(() => {
  const now = performance.now();
  const list = [...running].map(
    ([key, started]) => `${key} (${((now - started) / 1000).toFixed(0)} s)`,
  );
  if (list.length) console.log(`run-tests: still running: ${list.join(', ')}`);
}, 60_000);
await runScheduled(jobs, concurrency, async (job) => {
  console.log(`run-tests: ${job.key} started`);
  running.set(job.key, performance.now());
  const result = await runJob(job);
  running.delete(job.key);
  results.push(result);
  const cpuNote = Number.isFinite(result.cpuSeconds)
    ? `, ${result.cpuSeconds.toFixed(0)} s CPU`
    : '';
  console.log(
    `run-tests: ${job.key} ${result.passed ? 'passed' : 'FAILED'} in ${result.seconds.toFixed(0)} s${cpuNote}`,
  );
});
clearInterval(heartbeat);

const totalSeconds = (performance.now() - runStarted) / 1000;
const totalCpu = childrenCpuSeconds() - cpuAtStart;
const format = (seconds) =>
  seconds === undefined || Number.isNaN(seconds) ? '-' : seconds.toFixed(1);
const rows = [
  ['build (turbo)', buildSeconds, buildCpu, true],
  ...results
    .sort((a, b) => b.seconds - a.seconds)
    .map((r) => [r.job.key, r.seconds, r.cpuSeconds, r.passed]),
];
console.log('\nrun-tests: wall and CPU (user+sys) time, in seconds');
for (const [name, wall, cpu, passed] of rows)
  console.log(
    `  ${name.padEnd(48)} ${format(wall).padStart(7)} ${format(cpu).padStart(7)}${passed ? '' : '  FAILED'}`,
  );
console.log(
  `  ${'total'.padEnd(48)} ${format(totalSeconds).padStart(7)} ${format(totalCpu).padStart(7)}`,
);

if (options.summary) {
  const json = (seconds) => (Number.isFinite(seconds) ? Math.round(seconds * 10) / 10 : null);
  const summary = {
    seconds: json(totalSeconds),
    cpuSeconds: json(totalCpu),
    parts: rows.map(([name, wall, cpu, passed]) => ({
      name,
      seconds: json(wall),
      cpuSeconds: json(cpu),
      passed,
    })),
  };
  writeFileSync(options.summary, `${JSON.stringify(summary, null, 2)}\n`);
}

try {
  mkdirSync(path.dirname(timingsFile), { recursive: true });
  const durations = { ...lastDurations };
  // Averaged with the last run's, so one run on a busy moment does not reorder everything.
  for (const r of results) {
    const last = lastDurations[r.job.key];
    durations[r.job.key] = Math.round(last === undefined ? r.seconds : (last + r.seconds) / 2);
  }
  writeFileSync(timingsFile, `${JSON.stringify(durations, null, 2)}\n`);
} catch {
  // Only an ordering hint for the next run.
}

const failed = results.filter((r) => !r.passed).map((r) => r.job.key);
if (failed.length) {
  console.log(`\nrun-tests: failed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`\nrun-tests: every package passed (${jobs.length} package script(s))`);
