import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManagedProcess, repoRoot } from '@sessions/harness';

/** The README's budget for `npm test -- --force` on two cores, the rebuild included. */
export const npmTestTargetSeconds = 150;

/** One package's tests (or the build before them), as the root `npm test` timed them. */
export interface NpmTestPart {
  name: string;
  seconds: number;
  /** User + system CPU of the part's processes; absent where the system cannot tell (not Linux). */
  cpuSeconds?: number;
  passed: boolean;
}

export interface NpmTestTiming {
  seconds: number;
  /** User + system CPU of everything npm test ran and waited for. */
  cpuSeconds?: number;
  exitCode: number | null;
  /** The package scripts that failed, empty when all passed. */
  failedTasks: string[];
  /** The build, then each package's tests, longest first. */
  parts: NpmTestPart[];
}

/** What `scripts/run-tests.mjs --summary <file>` writes. */
interface RunTestsSummary {
  seconds: number;
  cpuSeconds: number | null;
  parts: Array<{ name: string; seconds: number; cpuSeconds: number | null; passed: boolean }>;
}

/**
 * Wall and CPU time of the whole course's `npm test -- --force` (doctor, a build without
 * turbo's cache, every package's tests side by side). The runner goes on past a failing
 * package, so a failure does not cut the time short.
 */
export async function timeNpmTest(): Promise<NpmTestTiming> {
  const started = performance.now();
  const summaryDir = mkdtempSync(path.join(os.tmpdir(), 'sessions-npm-test-'));
  const summaryFile = path.join(summaryDir, 'summary.json');
  try {
    const run = new ManagedProcess({
      command: 'npm',
      args: ['test', '--', '--force', '--summary', summaryFile],
      cwd: repoRoot(),
      // The short benchmark is in `npm run test:full`, not in npm test: timing npm test cannot loop.
      env: { TURBO_TELEMETRY_DISABLED: '1' },
      label: 'npm test',
    });
    const { code } = await run.exited;
    const seconds = Math.round(performance.now() - started) / 1000;
    let summary: RunTestsSummary | undefined;
    try {
      summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunTestsSummary;
    } catch {
      // The run stopped before its summary (the doctor or the build failed): the wall time stays.
    }
    const parts = (summary?.parts ?? []).map((part) => ({
      name: part.name,
      seconds: part.seconds,
      cpuSeconds: part.cpuSeconds ?? undefined,
      passed: part.passed,
    }));
    return {
      seconds,
      cpuSeconds: summary?.cpuSeconds ?? undefined,
      exitCode: code,
      failedTasks: parts.filter((part) => !part.passed).map((part) => part.name),
      parts,
    };
  } finally {
    rmSync(summaryDir, { recursive: true, force: true });
  }
}
