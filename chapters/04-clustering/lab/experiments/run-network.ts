import { formatTable, writeResults, type Figure } from '@sessions/harness';
import { createSessions } from './memory';
import { measureTraffic, type TrafficResult } from './network';
import { chapter, withLab } from './with-lab';

const users = 20;

export async function runNetwork(): Promise<void> {
  console.log(`\n[network] ${users} users add cart items; bytes counted on the senders' sockets`);
  const rows: Array<Record<string, Figure>> = [];
  const add = (label: string, result: TrafficResult) => rows.push({ label, ...result });
  await withLab({}, async (lab) => {
    const clients = await createSessions(lab, users, 0);
    add('N=3, carts of 1-5 items', await measureTraffic(lab, clients, 5));
    add('N=3, carts of 6-45 items', await measureTraffic(lab, clients, 40));
    add('N=3, carts of 46-95 items', await measureTraffic(lab, clients, 50));
  });
  await withLab({ servers: 5 }, async (lab) => {
    const clients = await createSessions(lab, users, 0);
    add('N=5, carts of 1-5 items', await measureTraffic(lab, clients, 5));
  });
  console.log(`\n${formatTable(rows, 'Replication traffic per session write')}`);
  const [small, , large, five] = rows;
  const figures: Record<string, Figure> = {
    smallSerializedBytes: small.serializedBytesPerWrite,
    smallExpectedBytes: small.expectedBytesPerWrite,
    smallWireBytes: small.wireBytesPerWrite,
    smallAckBytes: small.ackWireBytesPerWrite,
    smallOverheadPerMessage: small.overheadBytesPerMessage,
    largeSerializedBytes: large.serializedBytesPerWrite,
    largeExpectedBytes: large.expectedBytesPerWrite,
    largeWireBytes: large.wireBytesPerWrite,
    largeOverheadPerMessage: large.overheadBytesPerMessage,
    fiveServersMessagesPerWrite: five.messagesPerWrite,
    fiveServersWireBytes: five.wireBytesPerWrite,
  };
  writeResults(chapter, {
    experiment: 'network',
    parameters: { users },
    figures,
    tables: { traffic: rows },
  });
}
