import { ManagedProcess, repoRoot } from '@sessions/harness';

export interface NpmTestTiming {
  seconds: number;
  exitCode: number | null;
}

/** Wall time of the whole course's `npm test` (doctor, build, every package's tests, one at a time). */
export async function timeNpmTest(): Promise<NpmTestTiming> {
  const started = performance.now();
  const run = new ManagedProcess({
    command: 'npm',
    args: ['test'],
    cwd: repoRoot(),
    // The bench package's own test runs the short benchmark, which never times npm test: no loop.
    env: { TURBO_TELEMETRY_DISABLED: '1' },
    label: 'npm test',
  });
  const { code } = await run.exited;
  return { seconds: Math.round(performance.now() - started) / 1000, exitCode: code };
}
