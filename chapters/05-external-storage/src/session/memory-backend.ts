import { MemoryStore } from 'express-session';
import { inspectStore } from '@sessions/course-app';
import { MemoryUserSessionIndex } from '../user-sessions/memory-user-session-index';
import type { SessionBackend } from './session-backend';
import type { SessionLimits } from './store-config';

/** Chapter 02's in-process store, here only as the baseline of the latency experiment. */
export function createMemoryBackend(limits: SessionLimits): SessionBackend {
  const store = new MemoryStore();
  return {
    kind: 'memory',
    store,
    index: new MemoryUserSessionIndex(store, limits.maxSessionsPerUser),
    inspector: inspectStore(store, async () => ({ store: 'memory' })),
    close: async () => {},
  };
}
