import path from 'node:path';
import { freePort, ManagedProcess, repoRoot } from '@sessions/harness';
import type { Contender } from './contender';
import { waitUntilAnswering } from './wait-for-port';

export interface CourseBalancerOptions {
  strategy: string;
  backends: ReadonlyArray<{ id: string; url: string }>;
  /** Extra node flags, e.g. --cpu-prof when profiling. */
  nodeArgs?: string[];
}

/**
 * The course balancer in a process of its own (its CLI, `sessions-lb`), so that it does not
 * share an event loop with the load generator: the same footing as HAProxy and nginx.
 */
export async function startCourseBalancer(
  options: CourseBalancerOptions,
): Promise<Contender & { process: ManagedProcess }> {
  const port = await freePort();
  const cli = path.join(repoRoot(), 'shared/load-balancer/dist/cli.js');
  const process = new ManagedProcess({
    command: globalThis.process.execPath,
    args: [
      ...(options.nodeArgs ?? []),
      cli,
      '--port',
      String(port),
      '--strategy',
      options.strategy,
      ...options.backends.flatMap((backend) => ['--server', `${backend.id}=${backend.url}`]),
    ],
    label: `course balancer (${options.strategy})`,
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(process, `${url}/__lb/state`, 'the course balancer');
  return {
    name: `course · ${options.strategy}`,
    url,
    process,
    pid: process.pid,
    stop: () => process.stop(),
  };
}
