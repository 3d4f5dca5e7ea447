import type { RequestHandler } from 'express';
import { MemoryStore, type SessionData } from 'express-session';
import { storeUnavailable } from '@sessions/course-app';
import './session-data';

// #region absolute-timeout
/**
 * express-session has an idle timeout (the cookie's expiry, pushed forward by `rolling`)
 * but no absolute one. The store stamps when a session was first stored...
 */
export class TimedMemoryStore extends MemoryStore {
  override set(id: string, session: SessionData, callback?: (error?: unknown) => void): void {
    super.set(id, { ...session, startedAt: session.startedAt ?? Date.now() }, callback);
  }
}

/** ...and a session older than the limit is ended, however active it is. */
export function absoluteTimeout(limitMs: number): RequestHandler {
  return (request, response, next) => {
    const startedAt = request.session?.startedAt;
    if (startedAt === undefined || Date.now() - startedAt < limitMs) return next();
    response.setHeader('X-Session-Expired', 'absolute-timeout');
    // regenerate: the old session is destroyed, the request goes on with a fresh, empty one.
    request.session.regenerate((error) => next(error ? storeUnavailable(error) : undefined));
  };
}
// #endregion absolute-timeout
