import session, { MemoryStore } from 'express-session';
import type { ServerConfig } from '@sessions/course-app';

export const sessionCookieName = 'sid';

// #region memory-session
/**
 * express-session with its default MemoryStore: the session lives in this one
 * process's memory. Nothing else (another process, another server) can see it.
 */
export function createSessionStore(): MemoryStore {
  return new MemoryStore();
}

export function sessionMiddleware(config: ServerConfig, store: MemoryStore) {
  return session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 },
  });
}
// #endregion memory-session
