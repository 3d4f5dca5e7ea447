import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackends } from '../contenders/backends';
import { startCourseBalancer } from '../contenders/course-balancer';
import { treeCpuSeconds } from '../load/process-cpu';
import { runLoad } from '../load/run-load';
import { busyPercent, hotSpots, ownerShares, type HotSpot } from '../profile/cpu-profile-summary';

export interface ProfileResults {
  strategy: string;
  seconds: number;
  requestsPerSecond: number;
  /** With the profiler on, which adds its own share. */
  cpuMicros: number;
  /** Samples in which the balancer was busy rather than waiting for events, in percent. */
  busyPercent: number;
  owners: Array<{ owner: string; selfPercent: number }>;
  hotSpots: HotSpot[];
}

/**
 * The course balancer under load with V8's sampling profiler on (`--cpu-prof`): where its
 * time goes, by owner (its own code, undici, Node's HTTP stack, socket writes).
 */
export async function benchProfile(strategy: string, seconds: number): Promise<ProfileResults> {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'sessions-bench-profile-'));
  const backends = await startBackends(3);
  try {
    const balancer = await startCourseBalancer({
      strategy,
      backends: backends.map(({ id, url }) => ({ id, url })),
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    });
    let load;
    let cpuSeconds;
    try {
      const cpuBefore = treeCpuSeconds(balancer.pid!);
      load = await runLoad({
        url: `${balancer.url}/health`,
        durationSeconds: seconds,
        connections: 12,
      });
      cpuSeconds = treeCpuSeconds(balancer.pid!) - cpuBefore;
    } finally {
      // The CLI exits on SIGTERM, and V8 writes the profile as the process exits.
      await balancer.stop();
    }
    const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile was written in ${profileDir}`);
    const profile = path.join(profileDir, file);
    return {
      strategy,
      seconds,
      requestsPerSecond: load.requestsPerSecond,
      cpuMicros: Math.round((cpuSeconds * 1e6) / Math.max(1, load.requests)),
      busyPercent: busyPercent(profile),
      owners: ownerShares(profile),
      hotSpots: hotSpots(profile, 12),
    };
  } finally {
    await Promise.all(backends.map((backend) => backend.stop()));
    rmSync(profileDir, { recursive: true, force: true });
  }
}
