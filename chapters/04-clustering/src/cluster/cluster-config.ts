/** How this server takes part in the cluster: read from the environment (the lesson lists every variable). */
export type ReplicationMode = 'async' | 'sync';
export type ClusterMode = 'all-to-all' | 'primary-backup';

export interface ClusterConfig {
  /** This server's own base URL, as its peers reach it. */
  selfUrl: string;
  /** The other servers' base URLs (PEERS). */
  peers: string[];
  /**
   * Every server that may ever be a member (CLUSTER_MEMBERS; PEERS when unset): a `join`
   * announcing any other URL is refused, so a signed message cannot make this server send
   * its sessions to an address of the sender's choosing.
   */
  allowedMembers: string[];
  /** At most this many peers (MAX_PEERS). */
  maxPeers: number;
  /** A peer unreachable for this long is dropped from the peers (PEER_TIMEOUT_MS; 0 never). */
  peerTimeoutMs: number;
  /** Signs every replication message (CLUSTER_SECRET). */
  clusterSecret: string;
  /** async: answer the client, then replicate. sync: replicate, then answer. */
  replicationMode: ReplicationMode;
  /** An artificial delay before each replication message leaves, to make the timing window visible. */
  replicationDelayMs: number;
  /** all-to-all: every server holds every session. primary-backup: the owner plus one backup. */
  clusterMode: ClusterMode;
}

const devClusterSecret = 'dev-only-cluster-secret-change-me';

export function readClusterConfig(
  port: number,
  env: NodeJS.ProcessEnv = process.env,
): ClusterConfig {
  const selfUrl = baseUrl(env.SELF_URL ?? `http://127.0.0.1:${port}`, 'SELF_URL');
  const peers = urlList(env.PEERS ?? '', 'PEERS').filter((peer) => peer !== selfUrl);

  const allowedMembers = env.CLUSTER_MEMBERS
    ? urlList(env.CLUSTER_MEMBERS, 'CLUSTER_MEMBERS')
    : [selfUrl, ...peers];
  const maxPeers = wholeNumber(env.MAX_PEERS, 16, 1, 1000, 'MAX_PEERS');
  const peerTimeoutMs = wholeNumber(env.PEER_TIMEOUT_MS, 60_000, 0, 3_600_000, 'PEER_TIMEOUT_MS');

  const replicationMode = env.REPLICATION_MODE ?? 'async';
  if (replicationMode !== 'async' && replicationMode !== 'sync')
    throw new Error(`REPLICATION_MODE must be async or sync, got ${replicationMode}`);

  const clusterMode = env.CLUSTER_MODE ?? 'all-to-all';
  if (clusterMode !== 'all-to-all' && clusterMode !== 'primary-backup')
    throw new Error(`CLUSTER_MODE must be all-to-all or primary-backup, got ${clusterMode}`);

  const replicationDelayMs = Number(env.REPLICATION_DELAY_MS ?? 0);
  if (
    !Number.isInteger(replicationDelayMs) ||
    replicationDelayMs < 0 ||
    replicationDelayMs > 60_000
  )
    throw new Error(
      `REPLICATION_DELAY_MS must be a whole number of milliseconds (0-60000), got ${env.REPLICATION_DELAY_MS}`,
    );

  const clusterSecret = env.CLUSTER_SECRET ?? devClusterSecret;
  if (!env.CLUSTER_SECRET)
    console.warn(
      'CLUSTER_SECRET is not set: using a development secret. Never do this in production.',
    );
  if (clusterSecret.length < 16) throw new Error('CLUSTER_SECRET must be at least 16 characters');

  return {
    selfUrl,
    peers: [...new Set(peers)],
    allowedMembers: [...new Set(allowedMembers)],
    maxPeers,
    peerTimeoutMs,
    clusterSecret,
    replicationMode,
    replicationDelayMs,
    clusterMode,
  };
}

function urlList(text: string, what: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => baseUrl(entry, what));
}

function wholeNumber(
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
  what: string,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${what} must be a whole number from ${min} to ${max}, got ${text}`);
  return value;
}

/** "http://host:port" with nothing after it: a peer is a server, not a page. */
export function baseUrl(text: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${what}: ${text} is not a URL (expected http://host:port)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`${what}: ${text} must be an http:// or https:// URL`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password)
    throw new Error(`${what}: ${text} must be a bare base URL such as http://127.0.0.1:3001`);
  return url.origin;
}
