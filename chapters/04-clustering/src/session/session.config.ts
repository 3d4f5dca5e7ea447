import session from 'express-session';
import type { ServerConfig } from '@sessions/course-app';
import type { ReplicatedStore } from '../replication/replicated-store';

export const sessionCookieName = 'sid';

// #region replicated-session
/**
 * The only line that differs from chapter 02: the store. express-session still keeps the
 * session in this process, but the store also sends every change to the other servers.
 */
export function sessionMiddleware(config: ServerConfig, store: ReplicatedStore) {
  return session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60 * 1000 },
  });
}
// #endregion replicated-session
