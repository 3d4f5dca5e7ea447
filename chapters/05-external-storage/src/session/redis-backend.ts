import { inspectStore, sessionMaxAgeMs } from '@sessions/course-app';
import { IndexedRedisStore } from '../user-sessions/indexed-redis-store';
import { RedisUserSessionIndex } from '../user-sessions/redis-user-session-index';
import { withIndexDeadline } from '../user-sessions/user-session-index';
import { withDeadline } from './store-deadline';
import { sessionKeyPrefix, userIndexKeyPrefix } from './keys';
import { createRedisConnection } from './redis-connection';
import type { SessionBackend } from './session-backend';
import type { SessionLimits, StoreConfig } from './store-config';

export function createRedisBackend(
  config: Extract<StoreConfig, { kind: 'redis' | 'redis-sentinel' }>,
  limits: SessionLimits,
): SessionBackend {
  const client = createRedisConnection(config, limits);
  // Not awaited: the server starts (and /health answers) even while Redis is down; requests
  // that need a session get a 503 until the client connects.
  client.connect().catch((error: Error) => console.warn(`redis: ${error.message}`));

  const userIndex = new RedisUserSessionIndex(client, {
    sessionKeyPrefix,
    indexKeyPrefix: userIndexKeyPrefix,
    maxSessionsPerUser: limits.maxSessionsPerUser,
    indexTtlSeconds: Math.ceil(sessionMaxAgeMs / 1000),
  });

  // #region redis-store
  // Each session is one key, `course:sess:<id>`, holding its JSON, with a TTL equal to the
  // cookie's remaining lifetime: Redis itself forgets expired sessions. (IndexedRedisStore is
  // connect-redis's RedisStore that also keeps the user's session index alive.)
  const store = withDeadline(
    new IndexedRedisStore({ client, prefix: sessionKeyPrefix }, userIndex),
    limits.commandTimeoutMs,
  );
  // #endregion redis-store

  const index = withIndexDeadline(userIndex, limits.commandTimeoutMs);
  return {
    kind: config.kind,
    store,
    index,
    inspector: inspectStore(store, async () => ({
      store: config.kind,
      connected: client.isReady,
      keyPrefix: sessionKeyPrefix,
    })),
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
