import { courseSession, type ServerConfig } from '@sessions/course-app';
import { MemoryStore } from 'express-session';

// #region memory-session
/**
 * express-session's default MemoryStore: the session lives in this one process's memory.
 * Nothing else (another process, another server) can see it.
 */
export function createSessionStore(): MemoryStore {
  return new MemoryStore();
}

/** The course's express-session around that store, as every chapter from here on uses it. */
export function sessionMiddleware(config: ServerConfig, store: MemoryStore) {
  return courseSession(config, store);
}
// #endregion memory-session
