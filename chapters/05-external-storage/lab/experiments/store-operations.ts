import pg from 'pg';
import {
  LabClient,
  redisInfo,
  inFreshLab,
  startPostgres,
  startRedis,
  waitFor,
  type LabResponse,
  type LabServices,
  type PostgresServer,
  type RedisServer,
} from '@sessions/harness';
import { externalStorageLab } from '../lab';

/** How long the first login may keep failing while the server's store connection opens. */
const loginAttemptsMs = 15_000;

/** What the store was asked to do for a batch of requests, counted by the store itself. */
export interface StoreOperations {
  store: 'redis' | 'postgres';
  /** Operations per `GET /me` (a read of a logged-in session). */
  perRead: number;
  /** Operations per `POST /cart` (a write: the session changes). */
  perWrite: number;
  /** Per-read operations by name: Redis commands, or SQL statements (their first keyword). */
  readsByOperation: Record<string, number>;
  writesByOperation: Record<string, number>;
}

/** A store that can count what it was asked: Redis's INFO commandstats, PostgreSQL's pg_stat_statements. */
interface CountingStore {
  services: LabServices;
  reset(): Promise<void>;
  counts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

// #region count-store-operations
/**
 * The store counts, not the app: one server, one logged-in user, `requests` reads (GET /me)
 * and then `requests` writes (POST /cart), the counters reset before each batch. Redis
 * reports every command it ran (INFO commandstats); PostgreSQL every statement
 * (pg_stat_statements). Divided by the requests: the store operations one request costs.
 */
export async function countStoreOperations(
  store: 'redis' | 'postgres',
  requests: number,
): Promise<StoreOperations> {
  const counting = store === 'redis' ? await countingRedis() : await countingPostgres();
  try {
    return await inFreshLab(
      { ...externalStorageLab(store), services: async () => counting.services },
      async (lab) => {
        const user = new LabClient(lab.servers[0].url, { name: 'counted', timeoutMs: 5000 });
        // The first request opens the store's connection (PostgreSQL authenticates it with
        // SCRAM), which on a busy machine can outlast the store deadline and answer 503: log in
        // again until a session exists, or counting would measure a stranger who never reaches
        // the store.
        await waitFor(
          async () => (await user.post('/login', { userid: 'counted' })).status < 300,
          'the counted user to log in',
          loginAttemptsMs,
          200,
        );

        const batch = async (request: (i: number) => Promise<LabResponse>) => {
          await counting.reset();
          for (let i = 0; i < requests; i++) {
            const response = await request(i);
            if (response.status >= 300)
              throw new Error(
                `a counted request failed with ${response.status}: the count would be short`,
              );
          }
          return counting.counts();
        };
        const reads = await batch(() => user.get('/me'));
        const writes = await batch((i) => user.post('/cart', { item: `item-${i}` }));
        const perRequest = (counts: Record<string, number>) =>
          Object.values(counts).reduce((a, b) => a + b, 0) / requests;
        return {
          store,
          perRead: perRequest(reads),
          perWrite: perRequest(writes),
          readsByOperation: divided(reads, requests),
          writesByOperation: divided(writes, requests),
        };
      },
      { servers: 1 },
    );
  } finally {
    await counting.stop();
  }
}
// #endregion count-store-operations

function divided(counts: Record<string, number>, by: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([name, n]) => [name, n / by]));
}

/** The commands Redis ran since the last reset, leaving out the counting's own. */
async function countingRedis(): Promise<CountingStore> {
  const redis: RedisServer = await startRedis();
  // The counting's own: the AUTH each reading's connection sends first, INFO and CONFIG RESETSTAT.
  const ownCommands = new Set(['auth', 'info', 'config']);
  return {
    services: {
      env: { SESSION_STORE: 'redis', REDIS_URL: redis.url },
      stop: async () => {},
    },
    reset: async () => {
      await redis.command('CONFIG', 'RESETSTAT');
    },
    counts: async () => {
      const stats = await redisInfo(redis.port, 'commandstats', { password: redis.password });
      const counts: Record<string, number> = {};
      for (const [key, value] of Object.entries(stats)) {
        const name = key.replace(/^cmdstat_/, '');
        if (ownCommands.has(name.split('|')[0])) continue; // config|resetstat, info
        counts[name] = Number(/calls=(\d+)/.exec(value)?.[1] ?? 0);
      }
      return counts;
    },
    stop: () => redis.stop(),
  };
}

/**
 * The statements PostgreSQL ran since the last reset, by their first keyword, leaving out
 * the counting's own. pg_stat_statements must be loaded at server start, hence the restart.
 */
async function countingPostgres(): Promise<CountingStore> {
  const postgres: PostgresServer = await startPostgres();
  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    // The statistics belong to the superuser; the app's own role may not read or reset them.
    const client = new pg.Client({ connectionString: postgres.superuserUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  try {
    await query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
    await postgres.restart();
    await query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  return {
    services: {
      env: { SESSION_STORE: 'postgres', DATABASE_URL: postgres.url },
      stop: async () => {},
    },
    reset: async () => {
      await query('SELECT pg_stat_statements_reset()');
    },
    counts: async () => {
      const rows = await query<{ query: string; calls: string }>(
        `SELECT query, calls FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'`,
      );
      const counts: Record<string, number> = {};
      for (const row of rows) {
        const keyword = row.query.trim().split(/\s+/)[0].toUpperCase();
        counts[keyword] = (counts[keyword] ?? 0) + Number(row.calls);
      }
      return counts;
    },
    stop: () => postgres.stop(),
  };
}
