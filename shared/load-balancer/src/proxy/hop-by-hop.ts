import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { BodyFraming } from './request-framing';

/**
 * Headers about one connection, not the message (RFC 9110 7.6.1), plus the framing the
 * balancer decides itself: none of them is copied from one side to the other.
 * `expect` is answered by the balancer (Node sends the 100 Continue), so the server never
 * waits for a body the balancer already asked for.
 */
const requestOnly = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'http2-settings',
  'expect',
]);

const responseOnly = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Names a Connection header lists are hop-by-hop too (RFC 9110 7.6.1). */
function connectionOptions(headers: IncomingHttpHeaders): Set<string> | undefined {
  const value = headers.connection;
  if (value === undefined) return undefined;
  const names = value
    .toLowerCase()
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== 'close' && name !== 'keep-alive' && name !== '');
  return names.length > 0 ? new Set(names) : undefined;
}

/**
 * The headers the server receives: the client's end-to-end headers and exactly one
 * framing header, written from the body the balancer will actually send.
 */
export function outgoingRequestHeaders(
  headers: IncomingHttpHeaders,
  body: BodyFraming,
  method: string,
): OutgoingHttpHeaders {
  const listed = connectionOptions(headers);
  const outgoing: OutgoingHttpHeaders = {};
  for (const name in headers) {
    if (requestOnly.has(name) || listed?.has(name)) continue;
    outgoing[name] = headers[name];
  }
  if (body.kind === 'length') outgoing['content-length'] = String(body.bytes);
  else if (body.kind === 'chunked') outgoing['transfer-encoding'] = 'chunked';
  else if (method !== 'GET' && method !== 'HEAD') outgoing['content-length'] = '0';
  return outgoing;
}

/** The server's answer as the client receives it: Node frames it again for the client's connection. */
export function outgoingResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const listed = connectionOptions(headers);
  const outgoing: OutgoingHttpHeaders = {};
  for (const name in headers) {
    if (responseOnly.has(name) || listed?.has(name)) continue;
    outgoing[name] = headers[name];
  }
  return outgoing;
}
