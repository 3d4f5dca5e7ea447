import type { Store } from 'express-session';
import { storeUnavailable, type SessionInspector } from '@sessions/course-app';
import type { UserSessionIndex } from '../user-sessions/user-session-index';
import { createMemoryBackend } from './memory-backend';
import { createPostgresBackend } from './postgres-backend';
import { createRedisBackend } from './redis-backend';
import type { SessionLimits, StoreConfig } from './store-config';

/** Everything that depends on the store: express-session's store, the per-user index, what /__internal shows. */
export interface SessionBackend {
  kind: StoreConfig['kind'];
  store: Store;
  index: UserSessionIndex;
  inspector: SessionInspector;
  close(): Promise<void>;
}

export function createSessionBackend(config: StoreConfig, limits: SessionLimits): SessionBackend {
  const backend = chooseStore(config, limits);
  return { ...backend, inspector: answering503(backend.inspector) };
}

// #region choose-store
/** SESSION_STORE=redis|postgres|memory: the one setting that changes where sessions live. */
function chooseStore(config: StoreConfig, limits: SessionLimits): SessionBackend {
  switch (config.kind) {
    case 'redis':
    case 'redis-sentinel':
      return createRedisBackend(config, limits);
    case 'postgres':
      return createPostgresBackend(config, limits);
    case 'memory':
      // Chapter 02's store, kept for the latency comparison: one process only.
      return createMemoryBackend(limits);
  }
}
// #endregion choose-store

/** /__internal/* asks the store too: when it is down, that is a 503 like everywhere else. */
function answering503(inspector: SessionInspector): SessionInspector {
  const guard = <T>(operation: Promise<T>) =>
    operation.catch((error: unknown) => {
      throw storeUnavailable(error);
    });
  return {
    sessions: () => guard(inspector.sessions()),
    stats: () => guard(inspector.stats()),
  };
}
