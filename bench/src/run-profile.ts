import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatTable } from '@sessions/harness';
import { startBackends } from './contenders/backends';
import { startCourseBalancer } from './contenders/course-balancer';
import { treeCpuSeconds } from './load/process-cpu';
import { runLoad } from './load/run-load';
import { hotSpots, ownerShares } from './profile/cpu-profile-summary';

// npm run profile -w bench [-- --strategy round-robin --seconds 10]
// Loads the course balancer (in its own process, under --cpu-prof) and prints where its CPU went.
const { values } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'round-robin' },
    seconds: { type: 'string', default: '10' },
  },
});

async function main() {
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'sessions-bench-profile-'));
  const backends = await startBackends(3);
  try {
    const balancer = await startCourseBalancer({
      strategy: values.strategy,
      backends: backends.map(({ id, url }) => ({ id, url })),
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
    });
    const cpuBefore = treeCpuSeconds(balancer.pid!);
    const load = await runLoad({
      url: `${balancer.url}/health`,
      durationSeconds: Number(values.seconds),
      connections: 12,
    });
    const cpuMicros = Math.round(
      ((treeCpuSeconds(balancer.pid!) - cpuBefore) * 1e6) / load.requests,
    );
    // The CLI exits on SIGTERM, and V8 writes the profile as the process exits.
    await balancer.stop();
    console.log(
      `${values.strategy}: ${load.requestsPerSecond} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms, ${cpuMicros} µs of balancer CPU per request (profiler on)\n`,
    );
    const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no .cpuprofile was written in ${profileDir}`);
    const profile = path.join(profileDir, file);
    console.log(`${formatTable(ownerShares(profile), 'Balancer CPU by owner (self time)')}\n`);
    console.log(formatTable(hotSpots(profile, 25), 'Balancer self time by function'));
  } finally {
    await Promise.all(backends.map((backend) => backend.stop()));
    rmSync(profileDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
