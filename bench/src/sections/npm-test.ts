import { ManagedProcess, repoRoot } from '@sessions/harness';

export interface NpmTestTiming {
  seconds: number;
  exitCode: number | null;
  /** Turbo's list of the tasks that failed (its "Failed:" line), empty when all passed. */
  failedTasks: string[];
}

/**
 * Wall time of the whole course's `npm test` (doctor, build, every package's tests, one at
 * a time). With `--continue`, so that one failing package does not cut the time short.
 */
export async function timeNpmTest(): Promise<NpmTestTiming> {
  const started = performance.now();
  const lines: string[] = [];
  const run = new ManagedProcess({
    command: 'npm',
    args: ['test', '--', '--continue'],
    cwd: repoRoot(),
    // The bench package's own test runs the short benchmark, which never times npm test: no loop.
    env: { TURBO_TELEMETRY_DISABLED: '1' },
    label: 'npm test',
  });
  run.child.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n')));
  const { code } = await run.exited;
  const failed = lines
    .filter((line) => /^\s*Failed:\s/.test(line))
    .flatMap((line) => line.replace(/^\s*Failed:\s*/, '').split(/[,\s]+/))
    .filter(Boolean);
  return {
    seconds: Math.round(performance.now() - started) / 1000,
    exitCode: code,
    failedTasks: [...new Set(failed)],
  };
}
