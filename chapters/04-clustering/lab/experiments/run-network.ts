import { figuresOverRounds, formatTable, writeResults, type Figure } from '@sessions/harness';
import { createSessions } from './memory';
import { measureTraffic, type TrafficResult } from './network';
import { chapter, rounds, withLab } from './with-lab';

const users = 20;

export async function runNetwork(): Promise<void> {
  console.log(
    `\n[network] ${users} users add cart items; bytes counted on the senders' sockets; ${rounds} rounds, a fresh cluster each`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const byRound: Array<Record<string, Figure>> = [];
  for (let round = 1; round <= rounds; round++) {
    const measured: TrafficResult[] = [];
    const add = (label: string, result: TrafficResult) => {
      rows.push({ round, label, ...result });
      measured.push(result);
    };
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
    const [small, , large, five] = measured;
    byRound.push({
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
    });
  }
  console.log(`\n${formatTable(rows, 'Replication traffic per session write')}`);
  const figures: Record<string, Figure> = { rounds, ...figuresOverRounds(byRound) };
  writeResults(chapter, {
    experiment: 'network',
    parameters: { rounds, users },
    figures,
    tables: { traffic: rows },
  });
}
