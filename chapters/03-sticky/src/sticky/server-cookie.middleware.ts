import { parseCookie } from 'cookie';
import type { RequestHandler } from 'express';

/** The cookie name the balancer routes by in application mode. */
export const serverCookieName = 'server';

// #region server-cookie
/**
 * Application-mode stickiness, the source's mechanism: this server writes its own id into a
 * cookie, the browser sends it back, and the balancer routes by it. When another server
 * takes over (the first one died), that server's answer replaces the cookie with its own id.
 */
export function serverCookie(serverId: string): RequestHandler {
  return (request, response, next) => {
    if (parseCookie(request.headers.cookie ?? '')[serverCookieName] !== serverId) {
      response.cookie(serverCookieName, serverId, { path: '/', httpOnly: true, sameSite: 'lax' });
    }
    next();
  };
}
// #endregion server-cookie
