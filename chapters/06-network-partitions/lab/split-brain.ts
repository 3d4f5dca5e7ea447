import { LabClient, waitFor, type Lab } from '@sessions/harness';
import { addItemOn, meOn, replicationOf, type Reachable } from './probe';

/**
 * Chapter 04's replication client gives up on a peer after 2 s of silence (and retries once
 * on a fresh connection): a message to a partitioned peer is settled, as failed, within this.
 */
const replicationGiveUpMs = 2 * 2_000;

export interface SplitBrainResult {
  users: number;
  /** Writes each side answered 200 while the partition lasted. */
  acknowledged: { minority: number; majority: number };
  /** Replication messages that could not reach the other side (counted by the servers). */
  replicationFailures: number;
  /** Users whose cart differed between s1 and s2 while the partition lasted. */
  divergedDuringPartition: number;
  /** ... and still differed after the heal, before anyone wrote again. */
  divergedAfterHeal: number;
  /** Users whose servers all agreed after one more write. */
  convergedAfterNextWrite: number;
  /** Acknowledged partition writes missing from the final cart: last writer wins threw them away. */
  lostAcknowledged: { minority: number; majority: number };
}

const settled = async (servers: readonly Reachable[]) =>
  waitFor(
    async () =>
      (await Promise.all(servers.map(replicationOf))).every((figures) => figures.pending === 0),
    'every replication message to be delivered or given up',
    replicationGiveUpMs * 3,
  );

const failures = async (servers: readonly Reachable[]) =>
  (await Promise.all(servers.map(replicationOf))).reduce(
    (sum, figures) => sum + figures.sent.failed,
    0,
  );

// #region split-brain
/**
 * Partition {s1} | {s2, s3} while the balancer still reaches all three. Every user writes
 * one item on each side (`minority-N` on s1, `majority-N` on s2): both sides accept. Heal,
 * then each user writes once more through the balancer, and whatever server takes that
 * write replicates its own copy of the session over everyone else's.
 */
export async function measureSplitBrain(lab: Lab, users: number): Promise<SplitBrainResult> {
  const network = lab.network;
  if (!network) throw new Error('the split-brain experiment needs the lab in hosts mode');
  const [s1, s2] = [lab.server('1'), lab.server('2')];
  const clients = Array.from(
    { length: users },
    (_, i) => new LabClient(lab.url, { name: `split-${i}` }),
  );
  for (const [i, client] of clients.entries()) await client.post('/login', { userid: `u${i}` });
  await settled(lab.servers);
  const cookies = await Promise.all(
    clients.map((client) => client.jar.getCookieString(client.baseUrl)),
  );
  const failuresBefore = await failures(lab.servers);

  network.isolate(['s1']);
  const statuses = await Promise.all(
    cookies.map(async (cookie, i) => ({
      minority: await addItemOn(s1, cookie, `minority-${i}`),
      majority: await addItemOn(s2, cookie, `majority-${i}`),
    })),
  );
  await settled(lab.servers);
  const diverged = async () => {
    let count = 0;
    for (const cookie of cookies) {
      const [left, right] = await Promise.all([meOn(s1, cookie), meOn(s2, cookie)]);
      if (JSON.stringify(left.cart) !== JSON.stringify(right.cart)) count += 1;
    }
    return count;
  };
  const divergedDuringPartition = await diverged();
  const replicationFailures = (await failures(lab.servers)) - failuresBefore;

  network.healAll();
  const divergedAfterHeal = await diverged();
  for (const [i, client] of clients.entries()) await client.post('/cart', { item: `after-${i}` });
  await settled(lab.servers);
  // #endregion split-brain

  let convergedAfterNextWrite = 0;
  const lostAcknowledged = { minority: 0, majority: 0 };
  for (const [i, cookie] of cookies.entries()) {
    const carts = await Promise.all(lab.servers.map((server) => meOn(server, cookie)));
    if (new Set(carts.map((me) => JSON.stringify(me.cart))).size === 1)
      convergedAfterNextWrite += 1;
    const final = carts[0].cart;
    if (statuses[i].minority === 200 && !final.includes(`minority-${i}`))
      lostAcknowledged.minority += 1;
    if (statuses[i].majority === 200 && !final.includes(`majority-${i}`))
      lostAcknowledged.majority += 1;
  }
  return {
    users,
    acknowledged: {
      minority: statuses.filter((status) => status.minority === 200).length,
      majority: statuses.filter((status) => status.majority === 200).length,
    },
    replicationFailures,
    divergedDuringPartition,
    divergedAfterHeal,
    convergedAfterNextWrite,
    lostAcknowledged,
  };
}
