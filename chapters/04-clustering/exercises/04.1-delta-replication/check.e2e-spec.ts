import { LabClient, useLab } from '@sessions/harness';
import { cookieHeaderOf, meOn } from '../../lab/experiments/cluster-probe';
import { createSessions } from '../../lab/experiments/memory';
import { measureTraffic } from '../../lab/experiments/network';
import { lab as definition } from '../../lab/lab';

const users = 2;
const writesMeasured = 5;
const itemsAddedBetween = 30;

/** Adds items through the balancer without measuring: the carts only need to grow. */
async function growCarts(clients: readonly LabClient[], items: number): Promise<void> {
  for (let item = 0; item < items; item++)
    for (const client of clients) await client.post('/cart', { item: `grow-${item + 1}` });
}

describe('delta replication (REPLICATION_PAYLOAD=delta): a cart write sends the new item, not the whole session', () => {
  const lab = useLab(definition, {
    env: { REPLICATION_PAYLOAD: 'delta' },
    balancer: { healthCheck: { intervalMs: 200 } },
  });

  it('as the carts grow, the bytes on the wire per write stay flat (the network experiment, small carts then large), and every server ends with the same cart', async () => {
    const clients = await createSessions(lab, users, 0);
    const small = await measureTraffic(lab, clients, writesMeasured);
    await growCarts(clients, itemsAddedBetween);
    const large = await measureTraffic(lab, clients, writesMeasured);

    const sessionGrowth = large.expectedBytesPerWrite - small.expectedBytesPerWrite;
    const wireGrowth = large.wireBytesPerWrite - small.wireBytesPerWrite;
    if (wireGrowth > sessionGrowth / 2)
      throw new Error(
        `the carts grew by ${itemsAddedBetween} items and each write's bytes on the wire grew with them, ` +
          `from ${small.wireBytesPerWrite} to ${large.wireBytesPerWrite} bytes (${large.servers - 1} full copies ` +
          `grew by ${sessionGrowth}): every message still carries the whole session. Send what changed instead.`,
      );
    for (const client of clients) {
      const cookie = await cookieHeaderOf(client);
      const carts = await Promise.all(lab.servers.map(async (s) => (await meOn(s, cookie)).cart));
      if (new Set(carts.map((cart) => JSON.stringify(cart))).size !== 1)
        throw new Error('the servers disagree on a cart: the deltas were applied differently');
    }
  }, 180_000);
});
