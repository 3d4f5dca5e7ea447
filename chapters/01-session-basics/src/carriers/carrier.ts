import type { RequestHandler, Request } from 'express';
import { hasCookie } from './cookie-header';

/** How a request brought its session id: the page shows it, and URL rewriting depends on it. */
export type SessionIdCarrier = 'cookie' | 'url' | 'header' | 'none';

interface Arrival {
  carrier: SessionIdCarrier;
  /** The Cookie header exactly as the client sent it, before any carrier touched it. */
  cookieHeader: string | undefined;
}

const arrivals = new WeakMap<Request, Arrival>();

/** Runs first: notes whether the session cookie came with the request. */
export function noteSessionCookie(cookieName: string): RequestHandler {
  return (request, _response, next) => {
    const cookieHeader = request.headers.cookie;
    const carrier = hasCookie(cookieHeader, cookieName) ? 'cookie' : 'none';
    arrivals.set(request, { carrier, cookieHeader });
    next();
  };
}

export function recordCarrier(request: Request, carrier: SessionIdCarrier): void {
  const arrival = arrivals.get(request);
  arrivals.set(request, { cookieHeader: arrival?.cookieHeader, carrier });
}

export function carrierOf(request: Request): SessionIdCarrier {
  return arrivals.get(request)?.carrier ?? 'none';
}

export function originalCookieHeader(request: Request): string | undefined {
  return arrivals.get(request)?.cookieHeader;
}
