import type { RequestHandler } from 'express';
import type { ReferrerPolicy } from '../chapter-config';

/**
 * A page whose URL carries the session id must not hand that URL to the next site:
 * `no-referrer` keeps the Referer header off every request the page starts.
 */
export function referrerPolicy(policy: ReferrerPolicy): RequestHandler {
  return (_request, response, next) => {
    response.setHeader('Referrer-Policy', policy);
    next();
  };
}
