import type { Cluster } from '../cluster/cluster';
import { replicationPath } from './replication-client';
import { encodeEnvelope } from './replication-message';
import type { SnapshotEntry } from './session-table';

interface Snapshot {
  from: string;
  members: string[];
  entries: SnapshotEntry[];
}

// #region state-transfer
/**
 * What a server does before it serves anyone: it tells every known peer "I am here"
 * (from then on they send it every change), then pulls the full state from the first peer
 * that answers. It listens meanwhile, so changes made during the pull are not missed;
 * versions decide between a change and the snapshot.
 */
export async function joinCluster(cluster: Cluster, idleTimeoutMs = 5_000): Promise<void> {
  const started = performance.now();
  await Promise.all(cluster.membership.peers().map((peer) => announce(cluster, peer)));
  for (const peer of cluster.membership.peers()) {
    try {
      const response = await cluster.client.get(peer, `${replicationPath}/snapshot`, idleTimeoutMs);
      const snapshot = JSON.parse(response.body.toString()) as Snapshot;
      if (!Array.isArray(snapshot.entries) || !Array.isArray(snapshot.members))
        throw new Error(`${peer} sent a snapshot without entries`);
      for (const member of snapshot.members) cluster.membership.add(member);
      cluster.store.loadSnapshot(snapshot.entries);
      cluster.stats.stateTransfer = {
        from: peer,
        sessions: snapshot.entries.length,
        wireBytes: response.wireBytesRead,
        ms: Math.round(performance.now() - started),
      };
      return;
    } catch {
      // That peer is down or starting too: try the next one.
    }
  }
  // Nobody could answer: this is the first server of the cluster, it starts empty.
  cluster.stats.stateTransfer = {
    from: null,
    sessions: 0,
    wireBytes: 0,
    ms: Math.round(performance.now() - started),
  };
}
// #endregion state-transfer

async function announce(cluster: Cluster, peer: string): Promise<void> {
  const body = encodeEnvelope({
    from: cluster.membership.self,
    sentAt: Date.now(),
    message: { kind: 'join', url: cluster.membership.self },
  });
  try {
    await cluster.client.post(peer, `${replicationPath}/messages`, body);
    cluster.stats.sent.messages += 1;
  } catch {
    cluster.stats.sent.failed += 1;
  }
}
