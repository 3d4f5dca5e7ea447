import { ManagedProcess, repoRoot } from '@sessions/harness';

export interface NpmTestTiming {
  seconds: number;
  exitCode: number | null;
  /** Turbo's list of the tasks that failed (its "Failed:" line), empty when all passed. */
  failedTasks: string[];
}

/**
 * Wall time of the whole course's `npm test -- --force` (doctor, a build without turbo's
 * cache, every package's tests side by side). With `--continue`, so that one failing package
 * does not cut the time short.
 */
export async function timeNpmTest(): Promise<NpmTestTiming> {
  const started = performance.now();
  const lines: string[] = [];
  const run = new ManagedProcess({
    command: 'npm',
    args: ['test', '--', '--force', '--continue'],
    cwd: repoRoot(),
    // The short benchmark is in `npm run test:full`, not in npm test: timing npm test cannot loop.
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
