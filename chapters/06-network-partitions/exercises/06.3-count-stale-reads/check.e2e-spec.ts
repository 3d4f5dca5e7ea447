import { networkTestGate, useLab, useMeasurement } from '@sessions/harness';
import { clusterOnHosts } from '../../lab/cluster-lab';
import { measureSplitBrain, type SplitBrainResult } from '../../lab/split-brain';

const describeNetwork = networkTestGate().describe;
const users = 4;

/** The two counts this exercise adds: absent until the experiment measures them. */
interface StaleReads {
  readsDuringPartition?: unknown;
  staleReadsDuringPartition?: unknown;
}

describeNetwork('the split-brain experiment counts what users saw during {s1} | {s2, s3}', () => {
  const lab = useLab(clusterOnHosts, { serverReadyTimeoutMs: 60_000 });
  const result = useMeasurement<SplitBrainResult & StaleReads>(
    () => measureSplitBrain(lab, users),
    180_000,
  );

  it('reports how many reloads users made through the balancer and how many were stale', () => {
    const { readsDuringPartition: reads, staleReadsDuringPartition: stale } = result;
    if (typeof reads !== 'number' || typeof stale !== 'number')
      throw new Error(
        'measureSplitBrain returns no readsDuringPartition / staleReadsDuringPartition yet: it compares the servers’ copies, never what a user saw when reloading through the balancer',
      );
    if (!Number.isInteger(reads) || reads < users)
      throw new Error(
        `readsDuringPartition is ${reads}: every one of the ${users} users should reload /me at least once while partitioned`,
      );
  });

  it('every reload during the partition is stale: each server lacks one side’s acknowledged item', () => {
    const { readsDuringPartition: reads, staleReadsDuringPartition: stale } = result;
    if (typeof reads !== 'number' || typeof stale !== 'number')
      throw new Error('there is no stale-read count to check yet');
    // Both sides acknowledged one item per user and neither reached the other: s1 lacks the
    // majority's item, s2 and s3 lack s1's. Whichever server a reload reaches, it is stale.
    if (stale !== reads)
      throw new Error(
        `${stale} of ${reads} reloads were counted stale: a reload is stale when its cart lacks any item the user was acknowledged, and during this partition no server holds both`,
      );
  });
});
