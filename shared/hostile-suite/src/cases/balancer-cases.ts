import { sleep } from '@sessions/harness';
import { sendFetch } from '../send/fetch-http';
import { httpRequest, sendRaw } from '../send/raw-http';
import {
  appNeverSaw,
  appSawBalancerValues,
  bodyLacks,
  closedWithin,
  counted,
  echoed,
  servedByPool,
} from './checks';
import type { CaseContext, Check, HostileCase, Reply } from './hostile-case';
import { logIn } from './session-steps';

const close = 'Connection: close';
const get =
  (path: string, ...headers: string[]) =>
  (context: CaseContext) =>
    httpRequest(`GET ${path} HTTP/1.1`, [`Host: ${context.host}`, ...headers, close]);

/**
 * Logs in through the balancer, then reads every server's card data: the session must be
 * visible (by its first characters) and its full id, which is a bearer credential, nowhere.
 */
async function sessionIdsOnTheDashboard(context: CaseContext): Promise<Reply> {
  const { sessionId } = await logIn(context, 'watched');
  const views = await Promise.all(
    context.poolIds.map((id) => sendFetch(`${context.baseUrl}/__lb/servers/${id}/sessions`, {})),
  );
  const problems: string[] = [];
  if (views.some((view) => view.body.includes(sessionId)))
    problems.push('a full session id is readable through the balancer');
  if (!views.some((view) => view.body.includes(sessionId.slice(0, 8))))
    problems.push('the session is not on any card at all');
  return { ...views[0], problems, notes: 'ids shown by their first 8 characters' };
}

/**
 * A crowd of slowloris connections, and one ordinary user in the middle of it: the user is
 * served, and every slow connection is cut off by the headers timeout rather than held.
 */
async function slowCrowd(context: CaseContext, count: number): Promise<Reply> {
  const slow = Array.from({ length: count }, () =>
    sendRaw(context.port, `GET /me HTTP/1.1\r\nHost: ${context.host}\r\n`, {
      trickle: 'X-Slow: 1\r\n',
      trickleEveryMs: 200,
      giveUpMs: 8000,
    }),
  );
  await sleep(300);
  const ordinary = await sendFetch(`${context.baseUrl}/me`, {});
  const cutOff = await Promise.all(slow);
  const held = cutOff.filter((reply) => reply.ended === 'gave-up').length;
  const answered408 = cutOff.filter((reply) => reply.status === 408).length;
  return {
    ...ordinary,
    problems: held ? [`${held} of ${count} slow connections were still open after 8 s`] : [],
    notes: `${answered408} of ${count} slow connections got 408`,
  };
}

/** Paths a client might use to reach a server's /__internal/* (or the balancer's /__lb/*) through the balancer. */
const reservedSpellings = [
  '/__internal/sessions',
  '/__internal/stats',
  '/__INTERNAL/stats',
  '/__Internal/Sessions/',
  '/%5F%5Finternal/sessions',
  '/%5f%5f%69nternal/stats',
  '/x/../__internal/sessions',
  '/./__internal/./stats',
  '/x%2F..%2F__internal/sessions',
  '/__internal;a=b/sessions',
  '/__internal/sessions;jsessionid=1',
  '/__internal/sessions?debug=1',
  '/__internal\\sessions',
  '/__internal',
  '/__LB/state',
  '/%5F%5Flb/state',
];

function controlRequest(action: string, headers: (context: CaseContext) => string[]) {
  return (context: CaseContext) =>
    httpRequest(
      `POST /__lb/control/${action} HTTP/1.1`,
      [`Host: ${context.host}`, 'Content-Type: application/json', ...headers(context), close],
      '{"server":"1"}',
    );
}

/** A POST to a control that must not run: refused (403) unless the checks pass (404). */
function refusedControl(
  kind: string,
  name: string,
  action: string,
  headers: (context: CaseContext) => string[],
  expectedStatus = 403,
): HostileCase {
  return {
    kind,
    name,
    target: 'balancer',
    send: { via: 'raw', bytes: controlRequest(action, headers) },
    expectedStatus,
    forwarded: 'never',
  };
}

/**
 * A page request asking to switch protocols: the balancer answers it as plain HTTP from the
 * pool, and the app never sees the upgrade headers (`checks` say which).
 */
function unrelayedUpgrade(name: string, headers: string[], checks: Check[]): HostileCase {
  return {
    kind: 'protocol upgrade the balancer does not relay',
    name,
    target: 'echo',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest('GET /whoami HTTP/1.1', [`Host: ${c.host}`, ...headers]),
    },
    expectedStatus: 200,
    forwarded: 'pool',
    checks,
  };
}

/**
 * A POST /cart whose length can be read more than one way (where one request could hide
 * another): refused with 400, never forwarded. `body` may name the target host.
 */
function smuggling(
  name: string,
  lengthHeaders: string[],
  body: string | ((host: string) => string),
): HostileCase {
  return {
    kind: 'request smuggling',
    name,
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) =>
        httpRequest(
          'POST /cart HTTP/1.1',
          [`Host: ${c.host}`, ...lengthHeaders, close],
          typeof body === 'string' ? body : body(c.host),
        ),
    },
    expectedStatus: 400,
    forwarded: 'never',
  };
}

/** Hostile input aimed at the balancer itself. */
export const balancerCases: HostileCase[] = [
  // Open proxy: the request names a target outside the pool (the canary).
  {
    kind: 'absolute-URI target (open proxy)',
    name: 'GET http://<outside>/',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest(`GET http://${c.canary}/ HTTP/1.1`, [`Host: ${c.canary}`, close]),
    },
    expectedStatus: 400,
    forwarded: 'never',
  },
  {
    kind: 'absolute-URI target (open proxy)',
    name: 'GET //<outside>/ (scheme-relative)',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest(`GET //${c.canary}/ HTTP/1.1`, [`Host: ${c.host}`, close]),
    },
    expectedStatus: 400,
    forwarded: 'never',
  },
  {
    kind: 'absolute-URI target (open proxy)',
    name: 'OPTIONS * (asterisk form)',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest('OPTIONS * HTTP/1.1', [`Host: ${c.host}`, close]),
    },
    expectedStatus: 400,
    forwarded: 'never',
  },
  {
    kind: 'CONNECT tunnel (open proxy)',
    name: 'CONNECT <outside>',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest(`CONNECT ${c.canary} HTTP/1.1`, [`Host: ${c.canary}`, close]),
    },
    expectedStatus: 405,
    forwarded: 'never',
  },
  {
    kind: 'Host header naming another address',
    name: 'Host: <outside> on GET /me',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => httpRequest('GET /me HTTP/1.1', [`Host: ${c.canary}`, close]),
    },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [servedByPool],
  },
  {
    kind: 'Host header naming another address',
    name: 'two Host headers',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) =>
        httpRequest('GET /me HTTP/1.1', [`Host: ${c.host}`, `Host: ${c.canary}`, close]),
    },
    expectedStatus: 400,
    forwarded: 'never',
  },
  {
    kind: 'Host header naming another address',
    name: 'no Host header (HTTP/1.1)',
    target: 'balancer',
    send: { via: 'raw', bytes: () => httpRequest('GET /me HTTP/1.1', [close]) },
    expectedStatus: 400,
    forwarded: 'never',
  },
  // Spoofed client identity: the app behind the balancer must see the balancer's values.
  {
    kind: 'X-Forwarded-* spoofing',
    name: 'X-Forwarded-For/Proto/Host, Forwarded, X-Real-IP',
    target: 'echo',
    send: {
      via: 'fetch',
      path: '/whoami',
      headers: () => ({
        'x-forwarded-for': '6.6.6.6',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'evil.example',
        'x-forwarded-port': '443',
        forwarded: 'for=6.6.6.6;proto=https;host=evil.example',
        'x-real-ip': '6.6.6.6',
      }),
    },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [appSawBalancerValues],
  },
  {
    kind: 'X-Forwarded-* spoofing',
    name: 'X-Forwarded-For sent twice, in capitals',
    target: 'echo',
    send: {
      via: 'raw',
      bytes: get('/whoami', 'X-FORWARDED-FOR: 6.6.6.6', 'x-forwarded-for: 7.7.7.7, 8.8.8.8'),
    },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [appSawBalancerValues],
  },
  {
    kind: 'Host spoofing seen by the app',
    name: 'X-Forwarded-Host differs from Host',
    target: 'echo',
    send: { via: 'raw', bytes: get('/whoami', 'X-Forwarded-Host: evil.example') },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [
      appSawBalancerValues,
      (reply) =>
        String(echoed(reply)?.headers['x-forwarded-host']).includes('evil')
          ? 'the client-sent X-Forwarded-Host reached the app'
          : undefined,
    ],
  },
  unrelayedUpgrade(
    'Upgrade: websocket on a page',
    [
      'Connection: Upgrade, close',
      'Upgrade: websocket',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
    ],
    [appNeverSaw('upgrade')],
  ),
  unrelayedUpgrade(
    'Upgrade: h2c with HTTP2-Settings',
    [
      'Connection: Upgrade, HTTP2-Settings, close',
      'Upgrade: h2c',
      'HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA',
    ],
    [appNeverSaw('upgrade'), appNeverSaw('http2-settings')],
  ),
  {
    kind: 'protocol upgrade the balancer does not relay',
    name: 'Upgrade: websocket to /__internal/sessions',
    target: 'balancer',
    send: { via: 'raw', bytes: get('/__internal/sessions', 'Upgrade: websocket') },
    expectedStatus: 404,
    forwarded: 'never',
  },
  {
    kind: 'pipelined requests',
    name: 'GET /me, then GET /__internal/sessions in the same packet',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) =>
        httpRequest('GET /me HTTP/1.1', [`Host: ${c.host}`]) +
        httpRequest('GET /__internal/sessions HTTP/1.1', [`Host: ${c.host}`, close]),
      readAll: true,
    },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [
      bodyLacks('"sessions":[', 'a server’s session list'),
      (reply) =>
        reply.body.includes('HTTP/1.1 404')
          ? undefined
          : 'the second, reserved request was not answered 404',
      (_reply, _context, bumped) =>
        bumped.rejected === 1 ? undefined : 'the balancer did not refuse the second request',
    ],
  },
  // Sizes and time.
  {
    kind: 'oversized headers',
    name: 'one 20 KB header',
    target: 'balancer',
    send: { via: 'raw', bytes: get('/me', `X-Filler: ${'x'.repeat(20_000)}`) },
    expectedStatus: 431,
    forwarded: 'never',
  },
  {
    kind: 'oversized cookies',
    name: '40 cookies of 500 bytes',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: get(
        '/me',
        `Cookie: ${Array.from({ length: 40 }, (_, i) => `c${i}=${'v'.repeat(500)}`).join('; ')}`,
      ),
    },
    expectedStatus: 431,
    forwarded: 'never',
  },
  {
    kind: 'oversized body',
    name: 'POST of 2 MB',
    target: 'balancer',
    send: { via: 'fetch', method: 'POST', path: '/login', body: 'x'.repeat(2 * 1024 * 1024) },
    expectedStatus: 413,
    forwarded: 'never',
  },
  {
    kind: 'slow headers (slowloris)',
    name: 'one header line every 200 ms, never finished',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => `GET /me HTTP/1.1\r\nHost: ${c.host}\r\n`,
      trickle: 'X-Slow: 1\r\n',
      trickleEveryMs: 200,
      giveUpMs: 8000,
    },
    expectedStatus: 408,
    forwarded: 'never',
    // headersTimeoutMs is 1 s in the suite; Node checks once a second, so 2 s plus slack.
    checks: [closedWithin(6000)],
  },
  {
    kind: 'many slow connections at once',
    name: '100 slowloris connections, one ordinary GET /me among them',
    target: 'balancer',
    send: { via: 'steps', run: (context) => slowCrowd(context, 100) },
    expectedStatus: 200,
    forwarded: 'pool',
  },
  // HTTP that cannot be parsed one way only.
  smuggling(
    'Content-Length and Transfer-Encoding together',
    ['Content-Length: 5', 'Transfer-Encoding: chunked'],
    (host) => `0\r\n\r\nGET /__internal/sessions HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
  ),
  smuggling(
    'two different Content-Length headers',
    ['Content-Length: 2', 'Content-Length: 3'],
    'abc',
  ),
  smuggling('Content-Length: abc', ['Content-Length: abc'], 'x'),
  smuggling(
    'Transfer-Encoding: xchunked (an encoding nobody knows)',
    ['Transfer-Encoding: xchunked'],
    '0\r\n\r\n',
  ),
  {
    kind: 'malformed HTTP',
    name: 'garbage request line',
    target: 'balancer',
    send: { via: 'raw', bytes: () => 'HELLO THERE\r\n\r\n' },
    expectedStatus: 400,
    forwarded: 'never',
  },
  {
    kind: 'malformed HTTP',
    name: 'bare CR inside a header value',
    target: 'balancer',
    send: { via: 'raw', bytes: get('/me', 'X-Split: a\rSet-Cookie: evil=1') },
    expectedStatus: 400,
    forwarded: 'never',
  },
  {
    kind: 'malformed HTTP',
    name: 'broken percent-encoding in the path',
    target: 'balancer',
    send: { via: 'raw', bytes: get('/%E0%A4%A') },
    expectedStatus: 400,
    forwarded: 'never',
  },
  // Reserved paths.
  ...reservedSpellings.map((path): HostileCase => ({
    kind: 'reserved path through the balancer',
    name: path,
    target: 'balancer',
    send: { via: 'raw', bytes: get(path) },
    expectedStatus: 404,
    forwarded: 'never',
    checks: [bodyLacks('"sessions":[', 'a server’s session list'), counted('rejected')],
  })),
  {
    kind: 'reserved path through the balancer',
    name: '/%255F%255Finternal/sessions (double-encoded: reaches a server, which has no such page)',
    target: 'balancer',
    send: { via: 'raw', bytes: get('/%255F%255Finternal/sessions') },
    expectedStatus: 404,
    forwarded: 'pool',
    checks: [bodyLacks('"sessions":[', 'a server’s session list')],
  },
  // The dashboard reads servers' /__internal pages itself: only pool servers, only two views.
  {
    kind: 'dashboard server views',
    name: 'full session ids after a login (shown shortened, never whole)',
    target: 'balancer',
    send: { via: 'steps', run: sessionIdsOnTheDashboard },
    expectedStatus: 200,
  },
  ...[
    '/__lb/servers/1/../../__internal/sessions',
    '/__lb/servers/1/sessions/../stats',
    '/__lb/servers/1/sessions%2F..%2Fstats',
    '/__lb/servers/__proto__/sessions',
    `/__lb/servers/127.0.0.1:1/sessions`,
  ].map((path): HostileCase => ({
    kind: 'dashboard server views',
    name: path,
    target: 'balancer',
    send: { via: 'raw', bytes: get(path) },
    expectedStatus: 404,
    forwarded: 'never',
    checks: [bodyLacks('"sessions":[', 'a server’s session list')],
  })),
  // The dashboard's controls (kill, pause, ...) are the most dangerous thing the balancer serves.
  refusedControl(
    'control action without the token',
    'POST /__lb/control/kill, no X-Lab-Token',
    'kill',
    () => [],
  ),
  refusedControl(
    'control action without the token',
    'wrong X-Lab-Token of the right length',
    'kill',
    (c) => [`X-Lab-Token: ${'0'.repeat(c.controlToken.length)}`],
  ),
  {
    kind: 'control action without the token',
    name: 'token in the query string instead of the header',
    target: 'balancer',
    send: {
      via: 'raw',
      bytes: (c) => controlRequest(`kill?token=${c.controlToken}`, () => [])(c),
    },
    expectedStatus: 403,
    forwarded: 'never',
  },
  ...(
    [
      ['valid token, Origin: http://evil.example', 'Origin: http://evil.example'],
      ['valid token, Origin: null (sandboxed page)', 'Origin: null'],
      ['valid token, Sec-Fetch-Site: cross-site', 'Sec-Fetch-Site: cross-site'],
    ] as const
  ).map(([name, header]) =>
    refusedControl('control action from another origin', name, 'kill', (c) => [
      `X-Lab-Token: ${c.controlToken}`,
      header,
    ]),
  ),
  // The control that proves the 403s above come from the checks, not from a lab without controls.
  refusedControl(
    'control action from another origin',
    'valid token, same origin, unknown action (the checks pass: 404)',
    'no-such-action',
    (c) => [`X-Lab-Token: ${c.controlToken}`, `Origin: http://${c.host}`],
    404,
  ),
  {
    kind: 'control action from another origin',
    name: 'GET /__lb/control/kill (not a POST)',
    target: 'balancer',
    send: { via: 'raw', bytes: get('/__lb/control/kill') },
    expectedStatus: 405,
    forwarded: 'never',
  },
];
