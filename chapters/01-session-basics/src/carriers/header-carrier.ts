import type { Request, RequestHandler, Response } from 'express';
import onHeaders from 'on-headers';
import { recordCarrier } from './carrier';
import { replaceCookie } from './cookie-header';
import { presentSessionId, sessionIdPattern, type SessionCookieSettings } from './session-id';

/** Spring Session's header for APIs (HeaderHttpSessionIdResolver.xAuthToken()). */
export const authTokenHeader = 'X-Auth-Token';
/** The course API again under /api, with the id in a header instead of a cookie. */
export const apiPrefix = '/api';

// #region header-carrier
/**
 * Requests under /api carry the session id in X-Auth-Token, as API and mobile clients do.
 * Cookies are not a carrier there: an API request is whoever its token says, so a form
 * on another site cannot ride a browser's cookie into the API.
 */
export function headerCarrier(settings: SessionCookieSettings): RequestHandler {
  return (request, response, next) => {
    if (!isApiPath(request.url)) return next();
    const rest = request.url.slice(apiPrefix.length);
    request.url = rest.startsWith('/') ? rest : `/${rest}`;
    recordCarrier(request, 'header');
    const token = request.get(authTokenHeader);
    request.headers.cookie = replaceCookie(request.headers.cookie, settings.cookieName);
    if (token && sessionIdPattern.test(token)) presentSessionId(request, token, settings);
    onHeaders(response, () => moveCookieToHeader(request, response, settings.cookieName, token));
    next();
  };
}

/**
 * express-session answers with Set-Cookie when the client must learn a new id. For the
 * API that becomes X-Auth-Token: the id on creation (and after a login regenerates it),
 * empty when the session was destroyed, as Spring Session does.
 */
function moveCookieToHeader(
  request: Request,
  response: Response,
  cookieName: string,
  sentToken: string | undefined,
): void {
  const setCookies = [response.getHeader('set-cookie') ?? []].flat().map(String);
  const ours = setCookies.filter((line) => line.startsWith(`${cookieName}=`));
  if (!ours.length) return;
  const others = setCookies.filter((line) => !ours.includes(line));
  if (others.length) response.setHeader('set-cookie', others);
  else response.removeHeader('set-cookie');
  const cleared = ours.every((line) => line.startsWith(`${cookieName}=;`));
  if (cleared) response.setHeader(authTokenHeader, '');
  else if (request.sessionID !== sentToken) response.setHeader(authTokenHeader, request.sessionID);
}
// #endregion header-carrier

function isApiPath(url: string): boolean {
  return url === apiPrefix || /^\/api[/?;]/.test(url);
}
