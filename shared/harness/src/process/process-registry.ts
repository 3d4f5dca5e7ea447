import type { ChildProcess } from 'node:child_process';

/**
 * Every process the harness starts, so that none outlives the test or lab that
 * started it: stopped on exit, on Ctrl-C and when a test fails half-way.
 */
const running = new Set<ChildProcess>();

export function track(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
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
    child.kill('SIGCONT');
    child.kill(signal);
  }
}

process.once('exit', () => killAllTracked());
