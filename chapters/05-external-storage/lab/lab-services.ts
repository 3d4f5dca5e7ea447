import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  chapterDir,
  startPostgres,
  startRedis,
  startReplicatedRedis,
  type LabContext,
  type LabServices,
  type Placement,
  type RedisServer,
  type ServiceEndpoint,
} from '@sessions/harness';
import { sessionTable } from '../src/session/session-table-name';

/** Which store a lab runs with: `LAB_STORE=redis|redis-sentinel|postgres|memory npm start -- 05`. */
export type LabStore = 'redis' | 'redis-sentinel' | 'postgres' | 'memory';

export function readLabStore(env: NodeJS.ProcessEnv = process.env): LabStore {
  const store = env.LAB_STORE ?? 'redis';
  if (!['redis', 'redis-sentinel', 'postgres', 'memory'].includes(store))
    throw new Error(`LAB_STORE must be redis, redis-sentinel, postgres or memory, got "${store}"`);
  return store as LabStore;
}

/**
 * Where the lab's store comes from: its own process (always, for tests and experiments, which
 * must stop and restart it), or for the launcher the one REDIS_URL / DATABASE_URL names.
 */
export interface StoreSource {
  useExisting: boolean;
}

/** In hosts mode a store gets a host of its own on the lab's network. */
function placeOn({ network }: LabContext, name: string, octet: number): Placement | undefined {
  return network && { network, host: network.addHost({ name, octet }).name };
}

/** A store the environment names (REDIS_URL, DATABASE_URL): the lab uses it and never stops it. */
function existingStore(
  store: 'redis' | 'postgres',
  url: { REDIS_URL: string } | { DATABASE_URL: string },
): LabServices {
  const [address] = Object.values(url);
  return {
    env: { SESSION_STORE: store, ...url },
    describe: () => ({ store, [store]: { url: withoutPassword(address), startedByLab: false } }),
    stop: async () => {},
  };
}

/** The dashboard's stop-<name> and start-<name> buttons for a store the lab started. */
function stopAndStart(
  name: 'redis' | 'postgres',
  store: { shutdown(): Promise<void>; start(): Promise<void> },
  say: { stopped: string; started: string },
): NonNullable<LabServices['controls']> {
  return {
    [`stop-${name}`]: async () => {
      await store.shutdown();
      return { [name]: say.stopped };
    },
    [`start-${name}`]: async () => {
      await store.start();
      return { [name]: say.started };
    },
  };
}

/** A Redis the lab starts itself, or the one REDIS_URL names (which the lab then never stops). */
export async function redisServices(
  { useExisting }: StoreSource,
  context: LabContext = {},
): Promise<LabServices> {
  // A Redis on the launcher's 127.0.0.1 is out of reach of servers on their own hosts.
  if (useExisting && process.env.REDIS_URL && !context.network)
    return existingStore('redis', { REDIS_URL: process.env.REDIS_URL });
  const redis = await startRedis({ placement: placeOn(context, 'redis', 30) });
  return {
    env: { SESSION_STORE: 'redis', REDIS_URL: redis.url },
    controls: {
      ...stopAndStart('redis', redis, {
        stopped: 'stopped: requests that need a session now get a 503',
        started: 'running again (empty: it keeps no files), on the same port',
      }),
      'pause-redis': async () => {
        redis.pause();
        return { redis: 'paused (SIGSTOP): it accepts commands and answers none' };
      },
      'resume-redis': async () => {
        redis.resume();
        return { redis: 'resumed' };
      },
    },
    describe: () => ({ store: 'redis', redis: { address: redis.address, running: redis.alive } }),
    endpoints: () => [redisEndpoint('redis', redis)],
    stop: () => redis.stop(),
  };
}

/**
 * A primary, a replica and three Sentinels; the servers find the primary through Sentinel.
 * In hosts mode each of the five gets a host of its own.
 */
export async function sentinelServices(context: LabContext = {}): Promise<LabServices> {
  const redis = await startReplicatedRedis({ network: context.network });
  const nodes = [redis.primary, redis.replica];
  // By address: on a lab network every node listens on 6379, each on its own host.
  const primaryNode = async (): Promise<RedisServer | undefined> => {
    const { host, port } = await redis.sentinels.masterAddress();
    return nodes.find((node) => node.host === host && node.port === port);
  };
  let lastFailover: Record<string, unknown> | undefined;
  return {
    env: { SESSION_STORE: 'redis', ...redis.env },
    controls: {
      failover: async () => {
        const primary = await primaryNode();
        if (!primary?.alive) throw new Error('the primary is already down: start-redis first');
        const killedAt = Date.now();
        await primary.kill();
        lastFailover = { killedPort: primary.port, killedAt: new Date(killedAt).toISOString() };
        return {
          killed: `redis at ${primary.address} (kill -9)`,
          watch: 'the Sentinels promote the replica in a few seconds',
        };
      },
      // The asynchronous window, made wide: the replica is frozen and its link dropped, so
      // the primary acknowledges writes that exist nowhere else. (A frozen replica alone is
      // not enough: the kernel keeps receiving the stream for it.)
      'cut-replica': async () => {
        const primary = await primaryNode();
        const replica = nodes.find((node) => node !== primary && node.alive);
        if (!primary || !replica) throw new Error('needs a running primary and replica');
        replica.pause();
        await primary.command('CLIENT', 'KILL', 'TYPE', 'replica');
        return { cut: `replica at ${replica.address} frozen and disconnected: it falls behind` };
      },
      'resume-replica': async () => {
        for (const node of nodes) node.resume();
        return { resumed: nodes.map((node) => node.port) };
      },
      'start-redis': async () => {
        const stopped = nodes.filter((node) => !node.alive);
        for (const node of stopped) await node.start();
        return {
          restarted: stopped.map((node) => node.port),
          note: 'Sentinel turns a returning old primary into a replica',
        };
      },
    },
    describe: () => ({
      store: 'redis-sentinel',
      redis: nodes.map((node) => ({ host: node.host, port: node.port, running: node.alive })),
      sentinels: redis.sentinels.nodes.map((node) => node.port),
      sentinelHosts: redis.sentinels.nodes.map((node) => node.host),
      masterName: redis.sentinels.masterName,
      lastFailover,
    }),
    endpoints: () => [
      redisEndpoint('redis primary', redis.primary),
      redisEndpoint('redis replica', redis.replica),
      ...redis.sentinels.nodes.map((node, index): ServiceEndpoint => ({
        name: `sentinel ${index + 1}`,
        kind: 'sentinel',
        host: node.host,
        port: node.port,
        password: redis.password,
      })),
    ],
    stop: () => redis.stop(),
  };
}

/** A throwaway PostgreSQL cluster, or the one DATABASE_URL names. */
export async function postgresServices(
  { useExisting }: StoreSource,
  context: LabContext = {},
): Promise<LabServices> {
  if (useExisting && process.env.DATABASE_URL && !context.network)
    return existingStore('postgres', { DATABASE_URL: process.env.DATABASE_URL });
  // The lab's role owns the session table and nothing else: no superuser, no CREATE.
  const postgres = await startPostgres({
    placement: placeOn(context, 'pg', 40),
    schema: { sql: connectPgSimpleTableSql(), tables: [sessionTable] },
  });
  return {
    env: { SESSION_STORE: 'postgres', DATABASE_URL: postgres.url },
    controls: stopAndStart('postgres', postgres, {
      stopped: 'stopped',
      started: 'running again: the sessions table is still there',
    }),
    describe: () => ({
      store: 'postgres',
      postgres: {
        address: postgres.address,
        database: postgres.database,
        role: postgres.user,
        running: postgres.alive,
      },
    }),
    endpoints: () => [
      {
        name: 'postgres',
        kind: 'postgres',
        host: postgres.host,
        port: postgres.port,
        password: postgres.password,
        user: postgres.user,
        database: postgres.database,
      },
    ],
    stop: () => postgres.stop(),
  };
}

export async function memoryServices(): Promise<LabServices> {
  return {
    env: { SESSION_STORE: 'memory' },
    describe: () => ({ store: 'memory (each server its own: chapter 02 again)' }),
    stop: async () => {},
  };
}

export function servicesFor(
  store: LabStore,
  source: StoreSource,
): (context: LabContext) => Promise<LabServices> {
  return {
    redis: (context: LabContext) => redisServices(source, context),
    'redis-sentinel': sentinelServices,
    postgres: (context: LabContext) => postgresServices(source, context),
    memory: memoryServices,
  }[store];
}

function redisEndpoint(name: string, redis: RedisServer): ServiceEndpoint {
  return { name, kind: 'redis', host: redis.host, port: redis.port, password: redis.password };
}

/** A URL fit to show: its password, if any, replaced. */
export function withoutPassword(text: string): string {
  try {
    const url = new URL(text);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(not a URL)';
  }
}

/** The session table exactly as connect-pg-simple creates it (its own table.sql). */
function connectPgSimpleTableSql(): string {
  const require = createRequire(path.join(chapterDir('05'), 'package.json'));
  const sql = readFileSync(require.resolve('connect-pg-simple/table.sql'), 'utf8');
  return sql.replaceAll('"session"', `"${sessionTable}"`);
}
