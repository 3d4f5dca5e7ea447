import { readdirSync, readFileSync } from 'node:fs';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ; `getconf CLK_TCK`). */
const ticksPerSecond = 100;

interface ProcStat {
  pid: number;
  parent: number;
  cpuTicks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ")".
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, parent: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds used so far by a process and all its descendants (nginx's master and
 * worker, for example). CPU per request is a fairer yardstick than requests per second
 * on a shared machine: other people's load slows everyone down, but does not make a
 * balancer spend more CPU on each request.
 */
export function treeCpuSeconds(root: number): number {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all)
      if (!inTree.has(stat.pid) && inTree.has(stat.parent)) {
        inTree.add(stat.pid);
        grew = true;
      }
  }
  return (
    all.filter((stat) => inTree.has(stat.pid)).reduce((sum, s) => sum + s.cpuTicks, 0) /
    ticksPerSecond
  );
}

/** True where /proc exists (Linux): elsewhere the CPU column is left out. */
export function canMeasureCpu(): boolean {
  return readStat(process.pid) !== undefined;
}
