import { useLab } from '@sessions/harness';
import { cookieHeaderOf, meOn } from '../../lab/experiments/cluster-probe';
import { createSessions } from '../../lab/experiments/memory';
import { measureTraffic } from '../../lab/experiments/network';
import { lab as definition } from '../../lab/lab';

const delayMs = 1_000;
const users = 2;
const writesPerUser = 10;

describe(`write-behind: with REPLICATION_DELAY_MS=${delayMs}, writes waiting for the same peer are merged`, () => {
  const lab = useLab(definition, {
    env: { REPLICATION_DELAY_MS: String(delayMs) },
    balancer: { healthCheck: { intervalMs: 200 } },
  });

  it('the network experiment counts fewer replication messages than writes × peers, and the servers still agree', async () => {
    const clients = await createSessions(lab, users, 0);
    const traffic = await measureTraffic(lab, clients, writesPerUser);
    const peers = traffic.servers - 1;

    if (traffic.messagesPerWrite >= peers)
      throw new Error(
        `${traffic.writes} writes sent ${traffic.replicationMessages} messages, ${traffic.messagesPerWrite} per ` +
          `write: one to each of the ${peers} peers for every write, although a newer write of the ` +
          `same session was waiting in the same ${delayMs} ms delay. Send only the newest.`,
      );
    for (const client of clients) {
      const cookie = await cookieHeaderOf(client);
      const carts = await Promise.all(lab.servers.map(async (s) => (await meOn(s, cookie)).cart));
      if (new Set(carts.map((cart) => JSON.stringify(cart))).size !== 1)
        throw new Error(
          `the servers disagree on a cart after replication settled: ${JSON.stringify(carts)}`,
        );
    }
  });
});
