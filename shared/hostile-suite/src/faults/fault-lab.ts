import { startLab, type Lab } from '@sessions/harness';
import { loadLabDefinition } from '../world/chapter-labs';

/**
 * A chapter's lab with health checks and a proxy timeout short enough that a fault plays
 * out in a second or two: checks every 200 ms, out after 2 failures, back after 2 successes.
 */
export async function startFaultLab(chapter: string, variant?: string): Promise<Lab> {
  return startLab(await loadLabDefinition(chapter, variant), {
    balancer: {
      proxyTimeoutMs: 1500,
      healthCheck: { intervalMs: 200, fall: 2, rise: 2, timeoutMs: 400 },
    },
  });
}
