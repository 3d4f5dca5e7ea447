// Running the tools the exercises need (git, turbo, jest) with their output captured.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** @returns {Promise<{ status: number, output: string }>} stdout and stderr interleaved */
export function run(command, args, { cwd, env = {} }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
}

/** Builds these packages and what they depend on; turbo replays what did not change. */
export function buildPackages(root, packages) {
  const filters = packages.map((name) => `--filter=${name}...`);
  return run(
    path.join(root, 'node_modules/.bin/turbo'),
    ['run', 'build', '--output-logs=errors-only', ...filters],
    { cwd: root },
  );
}

/**
 * Runs test files of one chapter with jest, exercise checks included.
 * @returns {Promise<{ report: any, output: string }>} report is jest's --json (undefined if
 *   jest could not write one)
 */
export async function runJest(root, chapterDir, files) {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'exercise-report-'));
  const reportFile = path.join(reportDir, 'report.json');
  try {
    const { output } = await run(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--disable-warning=ExperimentalWarning',
        path.join(root, 'node_modules/jest/bin/jest.js'),
        '--ci',
        '--runInBand',
        // A check that leaves a server running would keep jest waiting for good: jest exits,
        // and the harness ends what the check left when it does.
        '--forceExit',
        '--json',
        `--outputFile=${reportFile}`,
        '--runTestsByPath',
        ...files,
      ],
      { cwd: chapterDir, env: { SESSIONS_EXERCISE_CHECK: '1' } },
    );
    let report;
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8'));
    } catch {
      report = undefined;
    }
    return { report, output };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}
