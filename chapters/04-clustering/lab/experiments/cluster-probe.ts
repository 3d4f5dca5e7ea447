import type { LabClient } from '@sessions/harness';

/** The replication part of GET /__internal/stats (see cluster/cluster.ts). */
export interface ReplicationFigures {
  mode: string;
  clusterMode: string;
  self: string;
  peers: string[];
  /** Peers dropped because they stayed unreachable past PEER_TIMEOUT_MS. */
  peersDropped: number;
  ready: boolean;
  copies: { full: number; locators: number };
  writes: number;
  writtenBytes: number;
  sent: { messages: number; failed: number; wireBytes: number; ackWireBytes: number };
  received: { messages: number; applied: number; ignoredAsOlder: number; wireBytes: number };
  rejected: Record<string, number> & { total: number };
  pending: number;
  lagMs: { last: number; mean: number; max: number; samples: number };
  peerFetches: { ok: number; failed: number };
  stateTransfer: { from: string | null; sessions: number; wireBytes: number; ms: number } | null;
}

export interface ServerStats {
  server: string;
  sessions: number;
  bytes: number;
  heapUsedBytes: number;
  replication: ReplicationFigures;
}

export interface Me {
  server: string;
  sessionId: string | null;
  userid: string | null;
  cart: string[];
}

/** Anything with a base URL: a ChapterServer of the lab. */
export interface Reachable {
  id: string;
  url: string;
}

export async function statsOf(server: Reachable): Promise<ServerStats> {
  const response = await fetch(`${server.url}/__internal/stats`);
  if (!response.ok)
    throw new Error(`server ${server.id} /__internal/stats answered ${response.status}`);
  return (await response.json()) as ServerStats;
}

export async function sessionIdsOn(server: Reachable): Promise<string[]> {
  const response = await fetch(`${server.url}/__internal/sessions`);
  const body = (await response.json()) as { sessions: Array<{ id: string }> };
  return body.sessions.map((session) => session.id);
}

/** The user's cookie header, to ask one server directly (bypassing the balancer). */
export async function cookieHeaderOf(user: LabClient): Promise<string> {
  return user.jar.getCookieString(user.baseUrl);
}

/** GET /me on one server directly, with this user's cookie. */
export async function meOn(server: Reachable, cookie: string): Promise<Me> {
  const response = await fetch(`${server.url}/me`, { headers: { cookie } });
  return (await response.json()) as Me;
}

/** POST /cart on one server directly, with this user's cookie. */
export async function addItemOn(
  server: Reachable,
  cookie: string,
  item: string,
): Promise<{ status: number; body: Me }> {
  const response = await fetch(`${server.url}/cart`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ item }),
  });
  return { status: response.status, body: (await response.json()) as Me };
}

/** Waits until no server has replication messages waiting (the async window has closed). */
export async function replicationSettled(servers: readonly Reachable[], timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await Promise.all(
      servers.map(async (server) => (await statsOf(server)).replication.pending),
    );
    if (pending.every((count) => count === 0)) return;
    if (Date.now() > deadline) throw new Error(`replication still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
