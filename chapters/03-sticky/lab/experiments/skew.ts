import {
  runSkewWorkload,
  type Lab,
  type SkewWorkloadOptions,
  type SkewWorkloadResult,
} from '@sessions/harness';
import { balancerStrategyFor, type StickyMode } from '../../src/sticky/sticky-mode';

export interface SkewComparison {
  roundRobin: SkewWorkloadResult;
  sticky: SkewWorkloadResult;
}

// #region skew
/**
 * The same unequal users, twice: once under round-robin (every request goes to the next
 * server), once sticky (every user stays on the server of their first request). Round-robin
 * spreads requests; sticky spreads users, and users are not equal.
 */
export async function measureSkew(
  lab: Lab,
  mode: StickyMode,
  workload: Omit<SkewWorkloadOptions, 'serverIds'>,
): Promise<SkewComparison> {
  const balancer = lab.balancer!;
  const options = { ...workload, serverIds: lab.servers.map((server) => server.id) };
  balancer.setStrategy('round-robin');
  const roundRobin = await runSkewWorkload(lab.url, options);
  balancer.setStrategy(balancerStrategyFor[mode]);
  const sticky = await runSkewWorkload(lab.url, options);
  return { roundRobin, sticky };
}
// #endregion skew
