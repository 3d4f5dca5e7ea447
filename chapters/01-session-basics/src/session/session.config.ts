import session, { type CookieOptions } from 'express-session';
import type { RequestHandler } from 'express';
import { sessionCookieName, type ServerConfig } from '@sessions/course-app';
import type { ChapterConfig } from '../chapter-config';
import { absoluteTimeout, type TimedMemoryStore } from './absolute-timeout';

// #region cookie-attributes
/** Each attribute of the session cookie, and what it defends against. */
export function sessionCookie(config: Pick<ChapterConfig, 'idleTimeoutMs'>): CookieOptions {
  return {
    // document.cookie cannot see it: a script injected into the page (XSS) cannot read the id.
    httpOnly: true,
    // Left out of requests that other sites start (their forms' POSTs, their images): a
    // forged form on another site arrives without the session (CSRF).
    sameSite: 'lax',
    // Sent back only over HTTPS when this request came over HTTPS. Behind a proxy that
    // terminates TLS, the app sees plain HTTP and learns "https" from X-Forwarded-Proto,
    // which it believes only from the proxy hops it trusts: none in this chapter
    // (TRUST_PROXY_HOPS, default 0), because here nothing stands in front of the server.
    secure: 'auto',
    // A persistent cookie: the browser keeps it until Expires, even across a restart.
    // Without maxAge it would be a browser-session cookie, forgotten when the browser closes.
    maxAge: config.idleTimeoutMs,
    path: '/',
  };
}
// #endregion cookie-attributes

// #region session-lifecycle
export function sessionMiddleware(
  server: ServerConfig,
  config: ChapterConfig,
  store: TimedMemoryStore,
): RequestHandler {
  const expressSession = session({
    name: sessionCookieName,
    secret: server.sessionSecret,
    store,
    // Nothing stored, nothing saved, no Set-Cookie: a visitor gets an id only once the
    // server has something to remember (a login).
    saveUninitialized: false,
    resave: false,
    // Every response sends the cookie again with a later Expires, and the store's copy
    // expires at the same moment: the idle timeout counts from the last request.
    rolling: true,
    cookie: sessionCookie(config),
  });
  const endOldSessions = absoluteTimeout(config.absoluteTimeoutMs);
  return (request, response, next) =>
    expressSession(request, response, (error?: unknown) =>
      error ? next(error) : endOldSessions(request, response, next),
    );
}
// #endregion session-lifecycle
