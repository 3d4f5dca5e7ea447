import { runningProcesses } from '@sessions/harness';

/**
 * Processes this suite started that are still alive: the harness's own record, and the
 * kernel's word for every pid the suite ever saw (a pid that still answers signal 0 is alive).
 */
export function leftoverProcesses(pidsSeen: Iterable<number | undefined> = []): string[] {
  const left = runningProcesses().map(({ pid, spawnargs }) => `pid ${pid}: ${spawnargs.join(' ')}`);
  for (const pid of new Set(pidsSeen)) {
    if (pid === undefined || left.some((line) => line.startsWith(`pid ${pid}:`))) continue;
    try {
      process.kill(pid, 0);
      left.push(`pid ${pid}: still alive`);
    } catch {
      // ESRCH: gone, as it should be.
    }
  }
  return left;
}
