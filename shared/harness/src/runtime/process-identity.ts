import { readFileSync, readlinkSync } from 'node:fs';

/**
 * When a process started, in clock ticks since boot (Linux /proc/<pid>/stat, field 22). A pid
 * alone can be reused by an unrelated process after the first one died; the pair (pid, start)
 * cannot. Undefined where /proc is not available or the process is gone.
 */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (owned by anyone). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A zombie has ended and only waits for its parent to collect its exit status: when its
 * parent died first, that is the machine's init, which in a container may never do it.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

/** The same process as recorded: running, and (where /proc tells) started at the same tick. */
export function isSameProcess(pid: number, startTicks: number | undefined): boolean {
  if (!pidExists(pid) || isZombie(pid)) return false;
  const now = processStartTicks(pid);
  return startTicks === undefined || now === undefined || now === startTicks;
}

/**
 * This process's pid namespace ("pid:[4026531836]"), where Linux tells. Pids mean nothing
 * across namespaces (two containers sharing /tmp), so a record from another one is left alone.
 */
export function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}
