import type { RequestHandler } from 'express';
import session, { type SessionOptions, type Store } from 'express-session';
import type { ServerConfig } from '../server-config';

/** The session cookie's name in every chapter. */
export const sessionCookieName = 'sid';

/** How long a session nobody uses lives: the cookie's Max-Age, and the store's expiry. */
export const sessionMaxAgeMs = 30 * 60 * 1000;

// #region course-session
/**
 * express-session as chapters 02-05 use it: only the store changes between them (02 and 03
 * pass its default MemoryStore, 04 a replicated store, 05 Redis or PostgreSQL). Nothing is
 * saved and no cookie is set before a login puts something in the session; the default id
 * generator draws 24 random bytes (192 bits), above OWASP's 128-bit minimum.
 */
export function courseSession(
  config: ServerConfig,
  store: Store,
  more: Omit<SessionOptions, 'name' | 'secret' | 'store'> = {},
): RequestHandler {
  return session({
    name: sessionCookieName,
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: sessionMaxAgeMs },
    ...more,
  });
}
// #endregion course-session
