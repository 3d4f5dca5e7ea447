import type { HostileCase } from './hostile-case';

/**
 * One raw request whose framing or path could be read two ways. The same list is sent to the
 * course balancer (here) and, side by side, to HAProxy (the differential test).
 */
export interface FramingCase {
  kind: 'ambiguous framing' | 'body on a bodiless method' | 'path spelling';
  name: string;
  /** The bytes on the wire; `host` is the target's host:port. */
  bytes(host: string): string;
  /** The course balancer's answer. */
  expectedStatus: number;
  /**
   * Whether the request reaches a server: `truncated` when its headers were sound and its
   * body turned out broken halfway. The balancer streams bodies, so the server has already
   * received the start of that request; the balancer then closes that connection, and the
   * server never sees the request complete.
   */
  forwarded: boolean | 'truncated';
}

const smuggled = (host: string) => `GET /__internal/sessions HTTP/1.1\r\nHost: ${host}\r\n\r\n`;
/** A chunked body whose content is itself the start of another request. */
const chunkedSmuggling = (host: string) => {
  const inner = smuggled(host);
  return `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n`;
};
const request =
  (line: string, headers: readonly string[], body = '') =>
  (host: string) =>
    `${line}\r\nHost: ${host}\r\n${headers.map((header) => `${header}\r\n`).join('')}\r\n${body}`;

/** A request whose length could be read two ways: refused (400), never forwarded. */
function refusedFraming(
  name: string,
  line: string,
  headers: readonly string[],
  body?: string,
): FramingCase {
  return {
    kind: 'ambiguous framing',
    name,
    bytes: request(line, headers, body),
    expectedStatus: 400,
    forwarded: false,
  };
}

/** A path spelled so that a server might read it differently: refused, never forwarded. */
function pathSpelling(path: string, why: string, expectedStatus: 400 | 404): FramingCase {
  return {
    kind: 'path spelling',
    name: `${path} (${why})`,
    bytes: request(`GET ${path} HTTP/1.1`, []),
    expectedStatus,
    forwarded: false,
  };
}

export const framingCases: FramingCase[] = [
  {
    kind: 'body on a bodiless method',
    name: 'DELETE with a chunked body that is a request for /__internal',
    bytes: (host) =>
      request('DELETE / HTTP/1.1', ['Transfer-Encoding: chunked'], chunkedSmuggling(host))(host),
    expectedStatus: 400,
    forwarded: false,
  },
  {
    kind: 'body on a bodiless method',
    name: 'OPTIONS with a chunked body that is a request for /__internal',
    bytes: (host) =>
      request('OPTIONS / HTTP/1.1', ['Transfer-Encoding: chunked'], chunkedSmuggling(host))(host),
    expectedStatus: 400,
    forwarded: false,
  },
  {
    kind: 'body on a bodiless method',
    name: 'GET with a Content-Length body that is a request for /__internal',
    bytes: (host) =>
      request('GET / HTTP/1.1', [`Content-Length: ${smuggled(host).length}`], smuggled(host))(host),
    expectedStatus: 400,
    forwarded: false,
  },
  refusedFraming(
    'Transfer-Encoding: gzip, chunked (a coding the balancer does not relay)',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding: gzip, chunked'],
    '0\r\n\r\n',
  ),
  refusedFraming(
    'Transfer-Encoding: chunked, identity (last coding not chunked)',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding: chunked, identity'],
    '0\r\n\r\n',
  ),
  refusedFraming(
    'Transfer-Encoding: identity, then Transfer-Encoding: chunked',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding: identity', 'Transfer-Encoding: chunked'],
    '0\r\n\r\n',
  ),
  refusedFraming(
    'Transfer-Encoding: chunked twice',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding: chunked', 'Transfer-Encoding: chunked'],
    '0\r\n\r\n',
  ),
  refusedFraming(
    'Transfer-Encoding on an HTTP/1.0 request',
    'POST /cart HTTP/1.0',
    ['Transfer-Encoding: chunked'],
    '3\r\nabc\r\n0\r\n\r\n',
  ),
  refusedFraming(
    'Transfer-Encoding: chunked with Content-Length: 0',
    'POST /cart HTTP/1.1',
    ['Content-Length: 0', 'Transfer-Encoding: chunked'],
    '3\r\nabc\r\n0\r\n\r\n',
  ),
  refusedFraming(
    'the same Content-Length twice',
    'POST /cart HTTP/1.1',
    ['Content-Length: 3', 'Content-Length: 3'],
    'abc',
  ),
  refusedFraming(
    'Content-Length: 3, 3 (a list)',
    'POST /cart HTTP/1.1',
    ['Content-Length: 3, 3'],
    'abc',
  ),
  refusedFraming('Content-Length: +3', 'POST /cart HTTP/1.1', ['Content-Length: +3'], 'abc'),
  refusedFraming(
    'whitespace before the colon of Transfer-Encoding',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding : chunked'],
    '0\r\n\r\n',
  ),
  refusedFraming('whitespace before the colon of an ordinary header', 'GET /me HTTP/1.1', [
    'X-Lab : 1',
  ]),
  refusedFraming('obs-fold (a header value continued on the next line)', 'GET /me HTTP/1.1', [
    'X-Lab: a',
    ' b',
  ]),
  refusedFraming(
    'obs-fold hiding chunked behind Transfer-Encoding: identity',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding: identity', ' chunked'],
    '0\r\n\r\n',
  ),
  {
    kind: 'ambiguous framing',
    name: 'a bare LF ending a header line',
    bytes: (host) => `GET /me HTTP/1.1\r\nHost: ${host}\r\nX-Lab: a\nX-Other: b\r\n\r\n`,
    expectedStatus: 400,
    forwarded: false,
  },
  refusedFraming('a NUL byte inside a header value', 'GET /me HTTP/1.1', ['X-Lab: a\0b']),
  refusedFraming(
    'a vertical tab before chunked',
    'POST /cart HTTP/1.1',
    ['Transfer-Encoding:\x0bchunked'],
    '0\r\n\r\n',
  ),
  {
    kind: 'ambiguous framing',
    name: 'a chunk size too large for 64 bits',
    bytes: request(
      'POST /cart HTTP/1.1',
      ['Transfer-Encoding: chunked'],
      'fffffffffffffffff1\r\nx\r\n0\r\n\r\n',
    ),
    expectedStatus: 400,
    forwarded: 'truncated',
  },
  {
    kind: 'ambiguous framing',
    name: 'a chunk line ended by a bare LF',
    bytes: request('POST /cart HTTP/1.1', ['Transfer-Encoding: chunked'], '3\nabc\r\n0\r\n\r\n'),
    expectedStatus: 400,
    forwarded: 'truncated',
  },
  {
    kind: 'ambiguous framing',
    name: 'Transfer-Encoding: CHUNKED (case does not matter): forwarded, framed once',
    bytes: request('POST /cart HTTP/1.1', ['Transfer-Encoding: CHUNKED'], '3\r\nabc\r\n0\r\n\r\n'),
    expectedStatus: 200,
    forwarded: true,
  },
  {
    kind: 'ambiguous framing',
    name: 'Expect: 100-continue with its body: forwarded, framed once',
    bytes: request('POST /cart HTTP/1.1', ['Expect: 100-continue', 'Content-Length: 3'], 'abc'),
    expectedStatus: 200,
    forwarded: true,
  },
  pathSpelling(
    '/__internal/replication/sessions/x%2F..%2F..%2F..%2F..',
    'encoded "/.." climbing out of /__internal',
    404,
  ),
  pathSpelling('/__lb%2Fstate', 'an encoded slash inside the balancer prefix', 404),
  pathSpelling('/%2e%2e/__internal/sessions', 'encoded dot segment', 404),
  pathSpelling('/me%2F..%2Fcart', 'an encoded slash anywhere', 400),
  pathSpelling('/me%5Ccart', 'an encoded backslash', 400),
  pathSpelling('/cart/%2E%2E/me', 'an encoded ".." segment', 400),
  pathSpelling('/cart/../me', 'a plain ".." segment', 400),
  pathSpelling('/cart\\me', 'a backslash', 400),
];

/** The framing cases as hostile cases against a balancer in front of an echo backend. */
export const framingHostileCases: HostileCase[] = framingCases.map((framing) => ({
  kind: framing.kind,
  name: framing.name,
  target: 'echo',
  send: { via: 'raw', bytes: (context) => framing.bytes(context.host) },
  expectedStatus: framing.expectedStatus,
  forwarded: framing.forwarded === 'truncated' ? undefined : framing.forwarded ? 'pool' : 'never',
}));
