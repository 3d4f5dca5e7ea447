import type { ChildProcess } from 'node:child_process';
import { endProcess, forgetProcess, recordProcess } from '../runtime/run-record';

/**
 * Every process the harness starts, so that none outlives the test or lab that
 * started it: stopped on exit, on Ctrl-C and when a test fails half-way.
 */
const running = new Set<ChildProcess>();

export function track(child: ChildProcess, label: string): void {
  const pid = child.pid;
  if (pid === undefined) return; // it failed to spawn: its 'error' event says why
  running.add(child);
  recordProcess({ pid, label, group: true });
  child.once('exit', () => {
    running.delete(child);
    forgetProcess(pid);
  });
}

/** Processes this harness started that are still alive. */
export function runningProcesses(): ReadonlyArray<{
  pid: number | undefined;
  spawnargs: string[];
}> {
  return [...running].map((child) => ({ pid: child.pid, spawnargs: child.spawnargs }));
}

export function killAllTracked(signal: NodeJS.Signals = 'SIGKILL'): void {
  for (const child of running) {
    // A paused process must be continued first, or it cannot act on SIGTERM.
    if (signal === 'SIGKILL' && child.pid !== undefined)
      endProcess({ pid: child.pid, group: true });
    else {
      child.kill('SIGCONT');
      child.kill(signal);
    }
  }
}
