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
 * The headers the server receives: the client's end-to-end headers and the framing the
 * balancer decided from the body it will actually send: Content-Length, or chunked.
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
  // Chunked: no length header, and the client library sends the streamed body in chunks
  // (it refuses a Transfer-Encoding header from its caller, so that it alone frames).
  if (body.kind === 'length') outgoing['content-length'] = String(body.bytes);
  else if (body.kind === 'none' && method !== 'GET' && method !== 'HEAD')
    outgoing['content-length'] = '0';
  return outgoing;
}

/**
 * The server's answer as the client receives it (from the raw name/value list the client
 * library hands over): Node frames it again for the client's connection.
 */
export function outgoingResponseHeaders(raw: ReadonlyArray<Buffer | string>): OutgoingHttpHeaders {
  const outgoing: OutgoingHttpHeaders = {};
  let listed: Set<string> | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i].toString().toLowerCase();
    const value = raw[i + 1].toString('latin1');
    if (name === 'connection') listed = connectionOptions({ connection: value });
    if (responseOnly.has(name)) continue;
    const previous = outgoing[name];
    if (previous === undefined) outgoing[name] = name === 'set-cookie' ? [value] : value;
    else if (Array.isArray(previous)) previous.push(value);
    else outgoing[name] = `${String(previous)}, ${value}`;
  }
  if (listed) for (const name of listed) delete outgoing[name];
  return outgoing;
}
