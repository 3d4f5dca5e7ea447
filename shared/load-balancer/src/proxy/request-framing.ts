import type { IncomingMessage } from 'node:http';
import type { GuardVerdict } from '../request-guard';

/** How the body of a request the balancer forwards is delimited, decided once, here. */
export type BodyFraming =
  { kind: 'none' } | { kind: 'length'; bytes: number } | { kind: 'chunked' };

/** The verdict on a request's framing: refused, or the one framing the balancer will send. */
export type FramingVerdict = Exclude<GuardVerdict, { ok: true }> | { ok: true; body: BodyFraming };

/**
 * Methods whose content has no meaning in the course apps. RFC 9110 (9.3.1, 9.3.2, 9.3.5)
 * warns that a body on GET, HEAD or DELETE "might lead some implementations to reject the
 * request [...] because of its potential as a request smuggling attack"; TRACE may not have
 * one at all (9.3.8); OPTIONS is refused for the same reason, since no course route reads one.
 */
const bodilessMethods = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE']);

const refuse = (message: string): FramingVerdict => ({ ok: false, status: 400, message });

/**
 * RFC 9112 section 6: the framing a request declares must have exactly one reading. Node's
 * parser (strict mode) already refuses Transfer-Encoding with Content-Length, duplicate or
 * non-numeric Content-Length, whitespace before a colon, obs-fold and bare CR or LF, with a
 * 400 from the balancer's clientError handler. What reaches this function and is still
 * ambiguous is refused here.
 */
export function checkFraming(request: IncomingMessage): FramingVerdict {
  const method = request.method ?? 'GET';
  const rawHeaders = request.rawHeaders;
  const encodings: string[] = [];
  const lengths: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (name === 'transfer-encoding') encodings.push(rawHeaders[i + 1]);
    else if (name === 'content-length') lengths.push(rawHeaders[i + 1]);
  }
  if (encodings.length > 0) {
    if (lengths.length > 0)
      return refuse('a request may not carry both Transfer-Encoding and Content-Length');
    if (request.httpVersion === '1.0')
      return refuse('Transfer-Encoding is not part of HTTP/1.0: the framing is ambiguous');
    if (encodings.length > 1 || encodings[0].trim().toLowerCase() !== 'chunked')
      return refuse(
        `Transfer-Encoding must be exactly "chunked" (got "${encodings.join(', ').slice(0, 60)}")`,
      );
    if (bodilessMethods.has(method))
      return refuse(`a ${method} request may not carry a body through this balancer`);
    return { ok: true, body: { kind: 'chunked' } };
  }
  if (lengths.length > 1 && lengths.some((value) => value !== lengths[0]))
    return refuse('a request may carry only one Content-Length');
  if (lengths.length > 0) {
    if (!/^\d{1,15}$/.test(lengths[0]))
      return refuse('Content-Length must be a decimal number of bytes');
    const bytes = Number(lengths[0]);
    if (bytes === 0) return { ok: true, body: { kind: 'none' } };
    if (bodilessMethods.has(method))
      return refuse(`a ${method} request may not carry a body through this balancer`);
    return { ok: true, body: { kind: 'length', bytes } };
  }
  return { ok: true, body: { kind: 'none' } };
}
