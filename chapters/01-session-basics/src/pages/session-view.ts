import type { Request } from 'express';
import { carrierOf, originalCookieHeader, type SessionIdCarrier } from '../carriers/carrier';
import type { ChapterConfig } from '../chapter-config';
import type { UrlRewriting } from '../url-rewriting/url-rewriting';

/** Everything the page shows about how this request was recognised. */
export interface SessionView {
  server: string;
  carrier: SessionIdCarrier;
  /** The stored session's id, or null when the server holds nothing for this request. */
  sessionId: string | null;
  cookieHeader: string | null;
  userid: string | null;
  cart: string[];
  links: { home: string; cart: string; outside: string };
  forms: { login: string; addToCart: string; logout: string };
  urlRewriting: boolean;
  referrerPolicy: string;
}

export function describeSession(
  request: Request,
  server: string,
  config: ChapterConfig,
  rewriting: UrlRewriting,
): SessionView {
  const userid = request.session?.userid ?? null;
  const link = (path: string) => rewriting.encodeUrl(request, path);
  return {
    server,
    carrier: carrierOf(request),
    sessionId: userid === null ? null : request.sessionID,
    cookieHeader: originalCookieHeader(request) ?? null,
    userid,
    cart: request.session?.cart ?? [],
    links: { home: link('/'), cart: link('/cart'), outside: config.outsideLink },
    forms: {
      login: link('/form/login'),
      addToCart: link('/form/cart'),
      logout: link('/form/logout'),
    },
    urlRewriting: config.urlRewriting,
    referrerPolicy: config.referrerPolicy,
  };
}
