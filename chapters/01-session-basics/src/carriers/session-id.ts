import type { Request } from 'express';
import { sign } from 'cookie-signature';
import { replaceCookie } from './cookie-header';

/**
 * express-session's ids: 24 random bytes in base64url, 32 characters (192 bits; OWASP asks
 * for at least 128). Anything else in a URL or a header is not an id this server made.
 */
export const sessionIdPattern = /^[A-Za-z0-9_-]{32}$/;

export interface SessionCookieSettings {
  cookieName: string;
  secret: string;
}

// #region present-session-id
/**
 * express-session reads the id from its signed cookie and nowhere else. A carrier that
 * found the id elsewhere (the URL, a header) hands it over by writing that cookie into the
 * request, signed with the same secret. The signature proves nothing here, since we made it:
 * what protects the server is that express-session loads only ids its store holds and
 * gives any other id a fresh session with a new id of its own. An unknown id is never adopted.
 */
export function presentSessionId(
  request: Request,
  id: string,
  settings: SessionCookieSettings,
): void {
  const signed = encodeURIComponent(`s:${sign(id, settings.secret)}`);
  request.headers.cookie = replaceCookie(request.headers.cookie, settings.cookieName, signed);
}
// #endregion present-session-id
