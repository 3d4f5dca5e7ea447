import {
  ChapterServer,
  startLab,
  startPostgres,
  startRedis,
  type Lab,
  type PostgresServer,
  type RedisServer,
} from '@sessions/harness';
import { lab as clusteringLab } from '@sessions/chapter-04-clustering/lab';
import { loadRows, type LoadRow } from '../load/load-rows';
import { alternateRounds, type Loadable, type RoundsOptions } from '../load/rounds';
import { round2, spreadOf, type Spread } from '../load/spread';
import { logInOn } from './chapter-lab';

export interface StoreResults {
  options: RoundsOptions;
  rows: LoadRow[];
  /** Per store, per round: its p50 minus the memory store's p50 in the same round (ms). */
  extraP50OverMemoryMs: Array<{ store: string; extraMs: Spread }>;
}

interface StoreContender extends Loadable {
  stop(): Promise<void>;
}

const memoryName = 'memory (chapter 05, SESSION_STORE=memory)';

/**
 * What keeping the session somewhere costs on every request: `GET /me` with a logged-in
 * session, on one server directly (no balancer), each store in turn. The app is the same
 * chapter 05 server for memory, Redis and PostgreSQL; the replicated store is chapter 04's.
 */
export async function benchStores(options: RoundsOptions): Promise<StoreResults> {
  const contenders: StoreContender[] = [];
  try {
    contenders.push(await chapter05Server(memoryName, { SESSION_STORE: 'memory' }, options));
    contenders.push(await replicatedServer(options));
    const redis: RedisServer = await startRedis({ label: 'bench redis' });
    const redisEnv = { SESSION_STORE: 'redis', REDIS_URL: redis.url };
    contenders.push(await chapter05Server('Redis (chapter 05)', redisEnv, options, redis));
    const postgres: PostgresServer = await startPostgres();
    const postgresEnv = { SESSION_STORE: 'postgres', DATABASE_URL: postgres.url };
    contenders.push(
      await chapter05Server('PostgreSQL (chapter 05)', postgresEnv, options, postgres),
    );
    const results = await alternateRounds(contenders, { ...options, path: '/me' }, 'stores');
    const memory = results.get(memoryName)!;
    return {
      options: { ...options, path: '/me' },
      rows: loadRows(results),
      extraP50OverMemoryMs: [...results]
        .filter(([store]) => store !== memoryName)
        .map(([store, runs]) => ({
          store,
          extraMs: spreadOf(runs.map((run, i) => round2(run.p50Ms - memory[i].p50Ms))),
        })),
    };
  } finally {
    for (const contender of contenders.reverse()) await contender.stop();
  }
}

/**
 * One chapter 05 server with this store, and one logged-in user per connection. `store`, the
 * store's own process when it has one, stops with the server (or at once if the server fails).
 */
async function chapter05Server(
  name: string,
  env: Record<string, string>,
  options: RoundsOptions,
  store?: { stop(): Promise<void> },
): Promise<StoreContender> {
  let server: ChapterServer | undefined;
  const stop = async () => {
    await server?.stop();
    await store?.stop();
  };
  try {
    server = await ChapterServer.start({ chapter: '05-external-storage', id: '1', env });
    return { ...(await loggedInClients(name, server, options.connections)), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Chapter 04's three replicating servers; the load goes to server 1, which holds every session. */
async function replicatedServer(options: RoundsOptions): Promise<StoreContender> {
  const lab: Lab = await startLab(clusteringLab, {
    env: { REPLICATION_MODE: 'async' },
  });
  try {
    const contender = await loggedInClients(
      'replicated (chapter 04, 3 servers)',
      lab.servers[0],
      options.connections,
    );
    return { ...contender, stop: () => lab.stop() };
  } catch (error) {
    await lab.stop();
    throw error;
  }
}

/** Logs in one user per connection and checks the server really finds each session again. */
async function loggedInClients(
  name: string,
  server: ChapterServer,
  connections: number,
): Promise<Loadable> {
  const cookies: string[] = [];
  for (let i = 0; i < connections; i++) {
    const cookie = await logInOn(server, `bench-${i}`);
    const me = (await (await fetch(`${server.url}/me`, { headers: { cookie } })).json()) as {
      userid: string | null;
    };
    if (me.userid !== `bench-${i}`)
      throw new Error(
        `${name}: GET /me did not find the session just logged in (got ${me.userid})`,
      );
    cookies.push(cookie);
  }
  return {
    name,
    url: server.url,
    pid: server.pid,
    headersForConnection: (connection) => ({ cookie: cookies[connection % cookies.length] }),
  };
}
