import {
  LabClient,
  redisInfo,
  replicatedRedisHosts,
  sleep,
  waitFor,
  type Lab,
  type RedisServer,
  type ReplicatedRedis,
} from '@sessions/harness';
import { meOn, type Reachable } from './probe';
import { sentinelTiming } from './sentinel-lab';

/** `min-replicas-to-write` and `min-replicas-max-lag`, set on the primary before the partition. */
export interface MinReplicas {
  toWrite: number;
  maxLagSeconds: number;
}

export interface StorePartitionOptions {
  minReplicas?: MinReplicas;
  /** Each writer waits this long after an answer before its next write. */
  paceMs: number;
  /** How long the partition lasts after the Sentinels have promoted the replica. */
  holdAfterPromotionMs: number;
}

export interface SideCounts {
  /** Writes answered 200: the user was told the item is in the cart. */
  acknowledged: number;
  /** ... of which sent while the partition lasted. */
  acknowledgedDuringPartition: number;
  /** Writes answered with an error (503) or not at all: the user knew it failed. */
  refused: number;
  /** Acknowledged items missing from the cart once the old primary has rejoined. */
  lost: number;
}

export interface StorePartitionResult {
  /** The user on s1, on the old primary's side of the partition. */
  minority: SideCounts;
  /** The user on s2, with the replica and the three Sentinels. */
  majority: SideCounts;
  /** Partition until a Sentinel names the replica as the primary. */
  promotionMs: number;
  /** Heal until the old primary is a replica of the new one, in sync. */
  rejoinMs: number;
  /** What the old primary says it is after the heal. */
  oldPrimaryRole: string;
  /** The most writes the old primary could accept after the partition began (with minReplicas). */
  lossBound: number | undefined;
}

/**
 * The longest a primary with `min-replicas-max-lag N` keeps accepting writes once its
 * replica has gone silent. The replica acknowledges once a second, so its last ack is at
 * most 1 s old when the partition begins; the primary counts in whole seconds and refuses
 * only when the lag is over N; it recounts its good replicas once a second. Hence N + 2 s.
 */
export function acceptWindowMs({ maxLagSeconds }: MinReplicas): number {
  return (maxLagSeconds + 2) * 1000;
}

/**
 * One writer, one write at a time, `paceMs` apart: in a window of W ms it can have at most
 * floor(W / pace) + 1 writes accepted, plus one already on its way when the partition began.
 */
export function lossBound(minReplicas: MinReplicas, paceMs: number): number {
  return Math.floor(acceptWindowMs(minReplicas) / paceMs) + 2;
}

/**
 * A Sentinel turns a returning old primary into a replica when its INFO (every 10 s once the
 * failover is over) shows a primary it has recorded as a replica, after 8 s (4 hello periods)
 * of it reporting so; then the full sync. This bounds the wait.
 */
const rejoinBoundMs = 10_000 + 8_000 + 12_000;

/** Promotion: `down-after` for each Sentinel to see it, the vote, then the failover itself. */
const promotionBoundMs = sentinelTiming.downAfterMs + 2 * sentinelTiming.failoverTimeoutMs + 10_000;

interface Written {
  item: string;
  sentAt: number;
  status: number | undefined;
}

class PacedWriter {
  readonly written: Written[] = [];
  private running = true;
  private loop: Promise<void> | undefined;

  constructor(
    readonly server: Reachable,
    readonly cookie: string,
    private readonly prefix: string,
    private readonly paceMs: number,
  ) {}

  start(): void {
    this.loop = this.keepWriting();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  counts(finalCart: readonly string[], partitionedAt: number): SideCounts {
    const acknowledged = this.written.filter((write) => write.status === 200);
    return {
      acknowledged: acknowledged.length,
      acknowledgedDuringPartition: acknowledged.filter((write) => write.sentAt >= partitionedAt)
        .length,
      refused: this.written.length - acknowledged.length,
      lost: acknowledged.filter((write) => !finalCart.includes(write.item)).length,
    };
  }

  private async keepWriting(): Promise<void> {
    for (let n = 0; this.running; n++) {
      const item = `${this.prefix}-${n}`;
      const sentAt = Date.now();
      const status = await fetch(`${this.server.url}/cart`, {
        method: 'POST',
        headers: { cookie: this.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ item }),
        signal: AbortSignal.timeout(5_000),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => undefined);
      this.written.push({ item, sentAt, status });
      await sleep(this.paceMs);
    }
  }
}

async function logIn(server: Reachable, userid: string): Promise<string> {
  const client = new LabClient(server.url, { name: userid, timeoutMs: 5_000 });
  const answer = await client.post('/login', { userid });
  if (answer.status !== 200) throw new Error(`${userid} could not log in on ${server.id}`);
  return client.jar.getCookieString(client.baseUrl);
}

/**
 * This program reaches every host even during the partition, so an INFO that takes long is a
 * busy machine or a Redis busy with a full resync after the heal, never a cut link.
 */
const infoOf = (node: RedisServer, password: string) =>
  redisInfo(node.port, 'replication', { host: node.host, password, timeoutMs: 5_000 });

/** Polled until true: a slow or refused INFO is "not yet", and the poll's own bound decides. */
async function replicaCaughtUp(primary: RedisServer, replica: RedisServer, password: string) {
  const infos = await Promise.all([infoOf(primary, password), infoOf(replica, password)]).catch(
    () => undefined,
  );
  if (!infos) return false;
  const [written, copied] = infos;
  return (
    copied.master_link_status === 'up' &&
    Number(copied.slave_repl_offset) >= Number(written.master_repl_offset)
  );
}

// #region store-partition
/**
 * {redis, s1} | {replica, sen1-3, s2}: the primary and one server on one side, everyone
 * else on the other; the balancer and this program still reach every host. A user on each
 * side keeps adding to their cart. The Sentinels cannot see the primary, so they promote
 * the replica; s1 keeps writing to the old primary, which still believes it is the primary.
 * Heal: the Sentinels make the old primary a replica of the new one, and it throws its
 * own data away for the new primary's copy.
 */
export async function measureStorePartition(
  lab: Lab,
  redis: ReplicatedRedis,
  options: StorePartitionOptions,
): Promise<StorePartitionResult> {
  const network = lab.network;
  if (!network) throw new Error('the store-partition experiment needs the lab in hosts mode');
  const { primary, replica, password } = redis;
  const [s1, s2] = [lab.server('1'), lab.server('2')];
  if (options.minReplicas) {
    await primary.command(
      'CONFIG',
      'SET',
      'min-replicas-to-write',
      `${options.minReplicas.toWrite}`,
    );
    await primary.command(
      'CONFIG',
      'SET',
      'min-replicas-max-lag',
      `${options.minReplicas.maxLagSeconds}`,
    );
  }
  const writers = [
    new PacedWriter(s1, await logIn(s1, 'minority'), 'minority', options.paceMs),
    new PacedWriter(s2, await logIn(s2, 'majority'), 'majority', options.paceMs),
  ];
  await waitFor(
    () => replicaCaughtUp(primary, replica, password),
    'the replica to hold both logins',
  );
  for (const writer of writers) writer.start();
  await sleep(options.paceMs * 3);

  await network.isolate([replicatedRedisHosts.primary.name, 's1']);
  const partitionedAt = Date.now();
  await waitFor(
    async () => {
      const now = await redis.sentinels.masterAddress().catch(() => undefined);
      return now?.host === replica.host;
    },
    'a Sentinel to name the replica as the primary',
    promotionBoundMs,
    50,
  );
  const promotionMs = Date.now() - partitionedAt;
  await sleep(options.holdAfterPromotionMs);
  await Promise.all(writers.map((writer) => writer.stop()));

  await network.healAll();
  const healedAt = Date.now();
  await waitFor(
    async () => {
      const role = await infoOf(primary, password).catch(() => undefined);
      return role?.role === 'slave' && (await replicaCaughtUp(replica, primary, password));
    },
    'the Sentinels to turn the old primary into a replica of the new one',
    rejoinBoundMs,
    100,
  );
  const rejoinMs = Date.now() - healedAt;
  const oldPrimaryRole = (await infoOf(primary, password)).role;
  // #endregion store-partition

  // Read through s2, whose client follows the Sentinels to the new primary.
  const cartOf = async (cookie: string) => {
    let cart: string[] | undefined;
    await waitFor(
      async () => {
        cart = await meOn(s2, cookie)
          .then((me) => me.cart)
          .catch(() => undefined);
        return Array.isArray(cart);
      },
      's2 to read the carts from the new primary',
      10_000,
      100,
    );
    return cart!;
  };
  const [minority, majority] = await Promise.all(
    writers.map(async (writer) => writer.counts(await cartOf(writer.cookie), partitionedAt)),
  );
  return {
    minority,
    majority,
    promotionMs,
    rejoinMs,
    oldPrimaryRole,
    lossBound: options.minReplicas && lossBound(options.minReplicas, options.paceMs),
  };
}
