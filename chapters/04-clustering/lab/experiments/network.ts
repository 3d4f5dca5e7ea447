import type { Lab, LabClient } from '@sessions/harness';
import { replicationSettled, statsOf, type ServerStats } from './cluster-probe';

export interface TrafficResult {
  servers: number;
  writes: number;
  replicationMessages: number;
  messagesPerWrite: number;
  /** Serialized session size per write (JSON), counted once per write. */
  serializedBytesPerWrite: number;
  /** (N - 1) × the serialized size: what the data alone would cost. */
  expectedBytesPerWrite: number;
  /** Request bytes the senders' sockets really wrote, per write. */
  wireBytesPerWrite: number;
  /** The acknowledgements that came back, per write. */
  ackWireBytesPerWrite: number;
  /** Wire bytes beyond the session data, per message: HTTP headers, signature, envelope. */
  overheadBytesPerMessage: number;
}

interface Totals {
  writes: number;
  writtenBytes: number;
  messages: number;
  wireBytes: number;
  ackWireBytes: number;
}

const totalsOf = (stats: ServerStats[]): Totals =>
  stats.reduce(
    (sum, { replication: r }) => ({
      writes: sum.writes + r.writes,
      writtenBytes: sum.writtenBytes + r.writtenBytes,
      messages: sum.messages + r.sent.messages,
      wireBytes: sum.wireBytes + r.sent.wireBytes,
      ackWireBytes: sum.ackWireBytes + r.sent.ackWireBytes,
    }),
    { writes: 0, writtenBytes: 0, messages: 0, wireBytes: 0, ackWireBytes: 0 },
  );

// #region network
/**
 * The third drawback, measured at the socket: each user adds items through the balancer;
 * the senders' sockets count the bytes they wrote. Compare with (N - 1) × the session size.
 */
export async function measureTraffic(
  lab: Lab,
  users: readonly LabClient[],
  writesPerUser: number,
): Promise<TrafficResult> {
  await replicationSettled(lab.servers);
  const before = totalsOf(await Promise.all(lab.servers.map(statsOf)));
  for (let write = 0; write < writesPerUser; write++)
    for (const user of users) await user.post('/cart', { item: `extra-${write + 1}` });
  await replicationSettled(lab.servers);
  const after = totalsOf(await Promise.all(lab.servers.map(statsOf)));
  // #endregion network

  const writes = after.writes - before.writes;
  const messages = after.messages - before.messages;
  const wire = after.wireBytes - before.wireBytes;
  const serialized = (after.writtenBytes - before.writtenBytes) / writes;
  const peers = lab.servers.length - 1;
  const round = (n: number) => Math.round(n);
  return {
    servers: lab.servers.length,
    writes,
    replicationMessages: messages,
    messagesPerWrite: Math.round((messages / writes) * 100) / 100,
    serializedBytesPerWrite: round(serialized),
    expectedBytesPerWrite: round(peers * serialized),
    wireBytesPerWrite: round(wire / writes),
    ackWireBytesPerWrite: round((after.ackWireBytes - before.ackWireBytes) / writes),
    overheadBytesPerMessage: round((wire - peers * serialized * writes) / messages),
  };
}
