import type { ChildProcess } from 'node:child_process';
import { endWith, outputOf, waitFor } from '../src';

/**
 * Waits for a launcher started by a test (`node scripts/lab.mjs …`, English banner) to print
 * its banner, and returns its output so far and from then on. A launcher that exits or is
 * still starting after `startTimeoutMs` is ended (it would keep its lab, and the test file,
 * running forever) and the test fails with what it printed.
 */
export async function untilLauncherBanner(
  child: ChildProcess,
  startTimeoutMs: number,
  stopTimeoutMs: number,
): Promise<() => string> {
  const output = outputOf(child);
  const started = () => output().includes('Ctrl-C stops everything');
  await waitFor(
    () => started() || child.exitCode !== null,
    'the launcher to print its banner',
    startTimeoutMs,
    100,
  ).catch(() => undefined);
  if (!started()) {
    await endWith(child, 'SIGTERM', 'the launcher', stopTimeoutMs).catch(() =>
      child.kill('SIGKILL'),
    );
    throw new Error(`the launcher did not start within ${startTimeoutMs} ms:\n${output()}`);
  }
  return output;
}
