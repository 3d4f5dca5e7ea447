import { redisCommand, redisInfo, sleep, waitFor, type Lab } from '@sessions/harness';
import {
  CartWriters,
  logInSettledUsers,
  settledSurvivors,
  type StoreFailoverFigures,
} from './cart-writers';

export interface FailoverOptions {
  /** Users who log in and whose sessions are replicated well before the kill. */
  settledUsers: number;
  /** Users who keep adding to their cart while the primary dies. */
  writers: number;
  /** How long the writers keep going after the kill. */
  afterKillMs: number;
  /**
   * 0: the replica is current when the primary dies. Otherwise the replica is cut off this
   * long before the kill, so everything acknowledged in that time exists only on the primary.
   */
  replicaBehindMs: number;
}

/**
 * How long the writers may take to get one write acknowledged by a primary that answers: each
 * request ends within the app's 1 s store deadline, so this allows several tries.
 */
const writeAcknowledgedWithinMs = 15_000;

/** promotionMs: kill -9 of the primary until the Sentinels name the replica as the new primary. */
export type FailoverResult = StoreFailoverFigures;

interface RedisTopology {
  redis: Array<{ port: number; running: boolean }>;
  sentinels: number[];
  masterName: string;
}

function topology(lab: Lab): RedisTopology {
  const described = lab.services?.describe?.() as Partial<RedisTopology> | undefined;
  if (!described?.sentinels || !described.redis)
    throw new Error('this experiment needs the lab with LAB_STORE=redis-sentinel');
  return described as RedisTopology;
}

/** The password the lab gave its servers for Redis and the Sentinels. */
function storePassword(lab: Lab): string | undefined {
  return lab.services?.env?.REDIS_PASSWORD;
}

export async function primaryPort(lab: Lab): Promise<number> {
  const { sentinels, masterName } = topology(lab);
  const reply = await redisCommand(
    sentinels[0],
    ['SENTINEL', 'get-master-addr-by-name', masterName],
    { password: storePassword(lab) },
  );
  return Number((reply as string[])[1]);
}

/** Waits until the replica has everything the primary has: from then on a session is on both. */
export async function waitForReplication(lab: Lab): Promise<void> {
  const primary = await primaryPort(lab);
  const replica = topology(lab).redis.find((node) => node.port !== primary)!.port;
  for (let i = 0; i < 200; i++) {
    const options = { password: storePassword(lab) };
    const written = Number((await redisInfo(primary, 'replication', options)).master_repl_offset);
    const copied = Number((await redisInfo(replica, 'replication', options)).slave_repl_offset);
    if (copied >= written) return;
    await sleep(25);
  }
  throw new Error('the replica did not catch up with the primary within 5 s');
}

// #region failover
/**
 * Sessions written well before the kill are on the replica and must survive. Writers keep
 * changing their carts while the primary is killed: replication is asynchronous, so a write
 * acknowledged just before the kill may never have reached the replica. Each writer compares
 * what the app acknowledged with what the new primary holds.
 */
export async function measureFailover(lab: Lab, options: FailoverOptions): Promise<FailoverResult> {
  const settled = await logInSettledUsers(lab, options.settledUsers);
  await waitForReplication(lab);
  const writers = new CartWriters(lab, options.writers);
  await writers.start();

  await sleep(300);
  const controls = lab.services!.controls!;
  const oldPrimary = await primaryPort(lab);
  if (options.replicaBehindMs > 0) {
    await controls['cut-replica']({});
    // Each writer may have had one write on its way when the cut came, and that one may
    // still have reached the replica: only acknowledgements beyond those are writes it never saw.
    const acknowledgedByCut = writers.acknowledgedWrites + options.writers;
    await sleep(options.replicaBehindMs);
    // A lag window in which no write was acknowledged shows nothing: on a busy machine one
    // write can outlast the window, so wait for one (each write ends within the store deadline).
    await waitFor(
      () => writers.acknowledgedWrites > acknowledgedByCut,
      'a write acknowledged while the replica is cut off',
      writeAcknowledgedWithinMs,
    );
  }
  await controls.failover({});
  // From here on the old primary has exited: nothing written later can have reached it.
  const killedAt = writers.failureAt();
  if (options.replicaBehindMs > 0) await controls['resume-replica']({});
  let promotedAt: number | undefined;
  const recovered = () =>
    promotedAt !== undefined &&
    writers.firstWriteAfterFailure !== undefined &&
    Date.now() - killedAt >= options.afterKillMs;
  while (!recovered()) {
    if (promotedAt === undefined && (await primaryPort(lab).catch(() => oldPrimary)) !== oldPrimary)
      promotedAt = Date.now();
    if (Date.now() - killedAt > 30_000) {
      await writers.stop();
      throw new Error(
        `30 s after the kill: ${promotedAt ? 'the replica was promoted but the app still refuses writes' : 'no Sentinel promoted the replica'}`,
      );
    }
    await sleep(25);
  }
  await writers.stop();

  return {
    settledSessions: settled.length,
    settledSurvived: await settledSurvivors(settled),
    promotionMs: (promotedAt ?? Number.NaN) - killedAt,
    writeOutageMs: (writers.firstWriteAfterFailure ?? Number.NaN) - killedAt,
    acknowledgedWrites: writers.acknowledgedWrites,
    lostWrites: await writers.lostWrites(),
    refusedWrites: writers.refusedWrites,
  };
}
// #endregion failover
