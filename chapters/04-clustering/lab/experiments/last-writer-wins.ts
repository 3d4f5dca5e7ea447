import { LabClient, type Lab } from '@sessions/harness';
import { addItemOn, cookieHeaderOf, meOn, replicationSettled } from './cluster-probe';

export interface ConcurrentWritesResult {
  rounds: number;
  /** Rounds where one of the two items was acknowledged (200) and then lost. */
  roundsWithLostItem: number;
  /** Rounds where every server ended with the same cart (the winner is the same everywhere). */
  roundsConverged: number;
  /** One round's story, for the lesson. */
  example: { sent: string[]; acknowledged: string[]; finalCartPerServer: Record<string, string[]> };
}

// #region last-writer-wins-demo
/**
 * Two requests of one user at the same moment (two browser tabs, a double click): "apple"
 * reaches server 1 and "banana" server 2. Each server reads the cart it holds, adds its
 * item and replicates the whole session. Both answer 200; the later write replaces the
 * earlier one everywhere, and one item is gone.
 */
export async function measureConcurrentWrites(
  lab: Lab,
  rounds: number,
): Promise<ConcurrentWritesResult> {
  const [first, second] = lab.servers;
  let roundsWithLostItem = 0;
  let roundsConverged = 0;
  let example: ConcurrentWritesResult['example'] | undefined;
  for (let round = 0; round < rounds; round++) {
    const user = new LabClient(first.url, { name: `tabs-${round}` });
    await user.post('/login', { userid: `tabs-${round}` });
    await replicationSettled(lab.servers);
    const cookie = await cookieHeaderOf(user);

    const [apple, banana] = await Promise.all([
      addItemOn(first, cookie, 'apple'),
      addItemOn(second, cookie, 'banana'),
    ]);
    await replicationSettled(lab.servers);
    // #endregion last-writer-wins-demo

    const acknowledged = [
      ...(apple.status === 200 ? ['apple'] : []),
      ...(banana.status === 200 ? ['banana'] : []),
    ];
    const finalCartPerServer: Record<string, string[]> = {};
    for (const server of lab.servers)
      finalCartPerServer[server.id] = (await meOn(server, cookie)).cart;
    const carts = Object.values(finalCartPerServer).map((cart) => JSON.stringify(cart));
    if (new Set(carts).size === 1) roundsConverged += 1;
    const finalCart = finalCartPerServer[first.id];
    if (acknowledged.some((item) => !finalCart.includes(item))) roundsWithLostItem += 1;
    example ??= { sent: ['apple', 'banana'], acknowledged, finalCartPerServer };
  }
  return { rounds, roundsWithLostItem, roundsConverged, example: example! };
}
