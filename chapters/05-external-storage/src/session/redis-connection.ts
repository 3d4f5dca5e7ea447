import { createClient, createSentinel } from 'redis';
import type { SessionLimits, StoreConfig } from './store-config';

type RedisConfig = Extract<StoreConfig, { kind: 'redis' | 'redis-sentinel' }>;
export type RedisConnection = ReturnType<typeof connect>;

// #region redis-client
/**
 * The Redis client, set up to fail fast: by default node-redis queues commands while it is
 * disconnected, so a request would wait for Redis forever. Here a command fails at once when
 * Redis is unreachable (no offline queue), one stuck in the client's queue gives up after a
 * timeout (store-deadline.ts bounds the rest), and the request becomes a 503. The client keeps
 * reconnecting in the background, so the servers recover by themselves when Redis returns.
 */
function connect(config: RedisConfig, limits: SessionLimits) {
  const socket = {
    connectTimeout: 1000,
    reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000),
  };
  if (config.kind === 'redis') {
    return createClient({
      url: config.url,
      disableOfflineQueue: true,
      commandOptions: { timeout: limits.commandTimeoutMs },
      socket,
    });
  }
  // Sentinel tells the client where the primary is, and again after every failover.
  return createSentinel({
    name: config.masterName,
    sentinelRootNodes: config.sentinels,
    commandOptions: { timeout: limits.commandTimeoutMs },
    nodeClientOptions: { disableOfflineQueue: true, socket, password: config.password },
    sentinelClientOptions: { socket, password: config.password },
    passthroughClientErrorEvents: true,
  });
}
// #endregion redis-client

export function createRedisConnection(config: RedisConfig, limits: SessionLimits) {
  const connection = connect(config, limits);
  // An 'error' event nobody listens to would crash the process. While Redis is down the
  // client reports every reconnect attempt: log at most one line every 10 s.
  let lastReport = 0;
  connection.on('error', (error: Error) => {
    if (Date.now() - lastReport < 10_000) return;
    lastReport = Date.now();
    console.warn(`session store (redis): ${error.message}`);
  });
  return connection;
}
