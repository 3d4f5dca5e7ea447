import {
  busyMachineSlackMs,
  LabClient,
  sleep,
  startLab,
  startPostgres,
  startRedis,
  waitFor,
  type LabServices,
  type RedisServer,
} from '@sessions/harness';
import { externalStorageLab } from '../lab';

export interface RestartCase {
  name: string;
  /** Starts the store; `restart` is what happens to it between the logins and the check. */
  start(): Promise<{
    env: Record<string, string>;
    restart(): Promise<void>;
    stop(): Promise<void>;
  }>;
}

// #region store-restart-cases
export const restartCases: RestartCase[] = [
  {
    name: 'Redis, no persistence (the lab default)',
    start: async () => {
      const redis = await startRedis();
      return { env: redisEnv(redis.url), restart: () => redis.restart(), stop: () => redis.stop() };
    },
  },
  {
    name: 'Redis, append-only file, clean restart',
    start: async () => {
      const redis = await startRedis({ appendonly: true });
      return { env: redisEnv(redis.url), restart: () => redis.restart(), stop: () => redis.stop() };
    },
  },
  {
    name: 'Redis, append-only file, kill -9 once the file has the writes',
    start: async () => {
      const redis = await startRedis({ appendonly: true });
      return {
        env: redisEnv(redis.url),
        restart: async () => {
          await untilAppendOnlyFileWritten(redis);
          await redis.restart({ crash: true });
        },
        stop: () => redis.stop(),
      };
    },
  },
  {
    name: 'PostgreSQL, clean restart',
    start: async () => {
      const postgres = await startPostgres();
      return {
        env: { SESSION_STORE: 'postgres', DATABASE_URL: postgres.url },
        restart: () => postgres.restart(),
        stop: () => postgres.stop(),
      };
    },
  },
];
// #endregion store-restart-cases

/**
 * With `appendfsync everysec` Redis answers a write before it reaches the file whenever the
 * previous second's fsync is still running (a busy disk): it holds its buffer back for up to
 * 2 s. A kill -9 in that window loses writes the users were told had succeeded. The crash
 * comes once Redis reports its buffer written (INFO persistence), so the row shows what
 * replaying the file recovers, on a quiet disk or a busy one.
 */
async function untilAppendOnlyFileWritten(redis: RedisServer): Promise<void> {
  const heldBackAtMostMs = 3000; // 2 s, counted by Redis in whole seconds
  await waitFor(
    async () =>
      /^aof_buffer_length:0\r?$/m.test(String(await redis.command('INFO', 'persistence'))),
    'Redis to write its append-only buffer to the file (INFO persistence: aof_buffer_length:0)',
    heldBackAtMostMs + busyMachineSlackMs,
  );
}

function redisEnv(url: string): Record<string, string> {
  return { SESSION_STORE: 'redis', REDIS_URL: url };
}

export type RestartRow = {
  store: string;
  sessionsBefore: number;
  sessionsAfter: number;
};

/** N users log in, the store restarts, and we count who is still logged in. */
export async function measureRestart(testCase: RestartCase, users: number): Promise<RestartRow> {
  const store = await testCase.start();
  const services = async (): Promise<LabServices> => ({ env: store.env, stop: store.stop });
  const lab = await startLab({ ...externalStorageLab('redis'), services }, { servers: 1 });
  try {
    const clients = await Promise.all(
      Array.from({ length: users }, async (_, i) => {
        const client = new LabClient(lab.url, { name: `user-${i}`, timeoutMs: 5000 });
        await client.post('/login', { userid: `user-${i}` });
        return client;
      }),
    );
    await store.restart();
    let after = 0;
    for (const [i, client] of clients.entries()) {
      const me = await untilAnswered(client);
      if (me.userid === `user-${i}`) after += 1;
    }
    return { store: testCase.name, sessionsBefore: users, sessionsAfter: after };
  } finally {
    await lab.stop();
  }
}

/** The app reconnects on its own; until then it answers 503. */
async function untilAnswered(client: LabClient): Promise<{ userid: string | null }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const me = await client.get<{ userid: string | null }>('/me');
    if (me.status === 200) return me.body;
    await sleep(100);
  }
  throw new Error('the app did not serve again within 10 s of the store restart');
}
