import type { Lab } from '@sessions/harness';
import { replicationSettled, statsOf } from './cluster-probe';

export interface JoinResult {
  server: string;
  sessionsBefore: number;
  /** From starting the process to its first healthy answer (state transfer included). */
  joinMs: number;
  /** The state transfer alone, as the new server measured it. */
  stateTransferMs: number;
  sessionsPulled: number;
  /** Bytes of the snapshot as they arrived on the new server's socket. */
  bytesPulled: number;
  /** Existing servers that had the new one in their peer list right after it joined. */
  peersThatKnowIt: number;
  /** Sessions the new server holds in full once it reports healthy. */
  sessionsHeld: number;
}

// #region scale-out
/** Adds a server to a running cluster and measures what the join costs. */
export async function measureJoin(lab: Lab): Promise<JoinResult> {
  await replicationSettled(lab.servers);
  const existing = [...lab.servers];
  const sessionsBefore = (await statsOf(existing[0])).sessions;
  const started = performance.now();
  const server = await lab.addServer();
  const joinMs = Math.round(performance.now() - started);
  const stats = await statsOf(server);
  const peerLists = await Promise.all(
    existing.map(async (peer) => (await statsOf(peer)).replication.peers),
  );
  // #endregion scale-out
  return {
    server: server.id,
    sessionsBefore,
    joinMs,
    stateTransferMs: stats.replication.stateTransfer?.ms ?? 0,
    sessionsPulled: stats.replication.stateTransfer?.sessions ?? 0,
    bytesPulled: stats.replication.stateTransfer?.wireBytes ?? 0,
    peersThatKnowIt: peerLists.filter((peers) => peers.includes(server.url)).length,
    sessionsHeld: stats.sessions,
  };
}

export interface ReconfigurationResult {
  serversRestarted: number;
  totalMs: number;
  bytesPulled: number;
}

/**
 * Without the join message, a static PEERS list means every existing server must be
 * restarted with the new list, one after another, each pulling the full state again.
 */
export async function measureRollingReconfiguration(lab: Lab): Promise<ReconfigurationResult> {
  const all = lab.servers.map((server) => server.url);
  const existing = lab.servers.slice(0, -1);
  const started = performance.now();
  let bytesPulled = 0;
  for (const server of existing) {
    server.setEnv({ PEERS: all.filter((url) => url !== server.url).join(',') });
    await server.restart();
    bytesPulled += (await statsOf(server)).replication.stateTransfer?.wireBytes ?? 0;
  }
  return {
    serversRestarted: existing.length,
    totalMs: Math.round(performance.now() - started),
    bytesPulled,
  };
}
