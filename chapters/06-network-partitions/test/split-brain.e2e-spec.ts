import { networkTestGate, useLab, useMeasurement } from '@sessions/harness';
import { clusterOnHosts } from '../lab/cluster-lab';
import { measureSplitBrain } from '../lab/split-brain';

const describeNetwork = networkTestGate().describe;
const users = 4;

describeNetwork('split brain in chapter 04’s cluster: {s1} | {s2, s3}, then heal', () => {
  const lab = useLab(clusterOnHosts, { serverReadyTimeoutMs: 60_000 });
  const result = useMeasurement(() => measureSplitBrain(lab, users), 180_000);

  it('each side accepts every write while it cannot see the other', () => {
    expect(result.acknowledged).toEqual({ minority: users, majority: users });
  });

  it('every change on s1 fails to reach s2 and s3, and every change on s2 fails to reach s1', () => {
    // s1's write goes to two unreachable peers, s2's to one: three failures per user.
    expect(result.replicationFailures).toBe(users * 3);
  });

  it('while partitioned, each user has two different carts, one per side', () => {
    expect(result.divergedDuringPartition).toBe(users);
  });

  it('healing the link repairs nothing: a message given up is never sent again', () => {
    expect(result.divergedAfterHeal).toBe(users);
  });

  it('the next write makes everyone agree, and last writer wins throws away one acknowledged item per user', () => {
    expect(result.convergedAfterNextWrite).toBe(users);
    expect(result.lostAcknowledged.minority + result.lostAcknowledged.majority).toBe(users);
  });

  it('gives every namespace this lab made back when it stops', async () => {
    const namespaces = lab.network!.hosts().flatMap((host) => host.namespace ?? []);
    expect(namespaces.length).toBe(3);
    await lab.stop();
    const { execFileSync } = await import('node:child_process');
    const left = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    for (const namespace of namespaces) expect(left).not.toContain(namespace);
  });
});
