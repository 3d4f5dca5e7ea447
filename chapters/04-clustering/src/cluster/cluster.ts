import { MessageSigner } from '../replication/message-signing';
import { ReplicatedStore } from '../replication/replicated-store';
import { ReplicationClient } from '../replication/replication-client';
import { ReplicationStats } from '../replication/replication-stats';
import { ReceivedBytes } from '../replication/wire-meter';
import type { ClusterConfig } from './cluster-config';
import { Membership } from './membership';
import { Readiness } from './readiness';

/** Everything one server needs to take part in the cluster, built once in main.ts. */
export interface Cluster {
  config: ClusterConfig;
  membership: Membership;
  signer: MessageSigner;
  client: ReplicationClient;
  stats: ReplicationStats;
  store: ReplicatedStore;
  readiness: Readiness;
  receivedBytes: ReceivedBytes;
}

export const CLUSTER = Symbol('CLUSTER');

export function createCluster(config: ClusterConfig): Cluster {
  const membership = new Membership(config.selfUrl, config.peers, {
    allowed: config.allowedMembers,
    maxPeers: config.maxPeers,
    peerTimeoutMs: config.peerTimeoutMs,
  });
  const signer = new MessageSigner(config.clusterSecret);
  const client = new ReplicationClient(signer);
  const stats = new ReplicationStats();
  const store = new ReplicatedStore(config, membership, client, stats);
  return {
    config,
    membership,
    signer,
    client,
    stats,
    store,
    readiness: new Readiness(),
    receivedBytes: new ReceivedBytes(),
  };
}

/** The replication figures in /__internal/stats, for the dashboard and the experiments. */
export function replicationFigures(cluster: Cluster): () => Promise<Record<string, unknown>> {
  return async () => {
    const { stats, client, config, membership, store } = cluster;
    return {
      replication: {
        mode: config.replicationMode,
        clusterMode: config.clusterMode,
        delayMs: config.replicationDelayMs,
        self: membership.self,
        peers: membership.peers(),
        peersDropped: membership.dropped,
        ready: cluster.readiness.ready,
        copies: store.table.counts(),
        writes: stats.writes,
        writtenBytes: stats.writtenBytes,
        sent: {
          messages: stats.sent.messages,
          failed: stats.sent.failed,
          wireBytes: client.meter.bytesWritten,
          ackWireBytes: client.meter.bytesRead,
        },
        received: { ...stats.received },
        rejected: { ...stats.rejected, total: stats.rejectedTotal() },
        pending: stats.pending,
        lagMs: stats.lagSummary(),
        peerFetches: { ...stats.peerFetches },
        stateTransfer: stats.stateTransfer,
      },
    };
  };
}
