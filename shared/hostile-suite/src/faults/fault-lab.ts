import { startLab, type Lab } from '@sessions/harness';
import { loadLabDefinition } from '../world/chapter-labs';

/**
 * A chapter's lab with health checks and a proxy timeout short enough that a fault plays
 * out in a few seconds: checks every 200 ms, out after 2 failures, back after 2 successes,
 * and a 3 s proxy timeout, well past the time health checks need to take a server out.
 */
export async function startFaultLab(chapter: string, variant?: string): Promise<Lab> {
  return startLab(await loadLabDefinition(chapter, variant), {
    balancer: {
      proxyTimeoutMs: 3000,
      healthCheck: { intervalMs: 200, fall: 2, rise: 2, timeoutMs: 400 },
    },
  });
}
