import type { Request, RequestHandler } from 'express';
import type { Session } from 'express-session';
import { carrierOf, recordCarrier } from '../carriers/carrier';
import {
  presentSessionId,
  sessionIdPattern,
  type SessionCookieSettings,
} from '../carriers/session-id';

/** The Servlet spec's path parameter: `/cart;jsessionid=<id>`, before any `?query`. */
export const pathParameterName = 'jsessionid';
const pathParameter = /;jsessionid=([^;/?#]*)/i;

export interface UrlRewritingOptions extends SessionCookieSettings {
  /** Off: ids in URLs are ignored and links stay plain (the defence wherever cookies work). */
  enabled: boolean;
}

/**
 * URL rewriting for clients that refuse cookies, the way a Servlet container does it.
 * express-session knows only cookies, so this is the whole extension: read the id from
 * the path on the way in, write it into links and redirects on the way out.
 */
export class UrlRewriting {
  constructor(private readonly options: UrlRewritingOptions) {}

  // #region accept-from-url
  /** Middleware, before express-session: take `;jsessionid=<id>` out of the path and use it. */
  acceptFromUrl(): RequestHandler {
    return (request, _response, next) => {
      const { path, query } = splitUrl(request.url);
      const match = pathParameter.exec(path);
      if (!match) return next();
      // Routes see /cart, never /cart;jsessionid=...
      request.url = path.replace(match[0], '') + query;
      const id = match[1];
      // A cookie or a header wins over the URL, as in Tomcat; a malformed id is ignored.
      if (!this.options.enabled || carrierOf(request) !== 'none' || !sessionIdPattern.test(id))
        return next();
      presentSessionId(request, id, this.options);
      recordCarrier(request, 'url');
      next();
    };
  }
  // #endregion accept-from-url

  // #region encode-url
  /**
   * Like the Servlet's `encodeURL`: a link to this site carries the id only when the
   * request did not bring it in a cookie (or a header) and there is a stored session.
   */
  encodeUrl(request: Request, url: string): string {
    const ownSite = url.startsWith('/') && !url.startsWith('//');
    if (!this.options.enabled || !ownSite || !holdsData(request.session)) return url;
    const carrier = carrierOf(request);
    if (carrier === 'cookie' || carrier === 'header') return url;
    const { path, query } = splitUrl(url);
    return `${path};${pathParameterName}=${request.sessionID}${query}`;
  }
  // #endregion encode-url
}

/** A session worth naming in a link: it holds something, so the store keeps it. */
function holdsData(session: Session | undefined): boolean {
  return session !== undefined && Object.keys(session).some((key) => key !== 'cookie');
}

function splitUrl(url: string): { path: string; query: string } {
  const at = url.search(/[?#]/);
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at) };
}

export const URL_REWRITING = Symbol('URL_REWRITING');
