import { httpRequest } from '../send/raw-http';
import { counted, echoed, servedByPool } from './checks';
import type { CaseContext, Check, HostileCase } from './hostile-case';

/** A request carrying one sticky cookie value, exactly as a hostile client would write it. */
const withCookie = (cookie: (context: CaseContext) => string) => (context: CaseContext) =>
  httpRequest('GET /me HTTP/1.1', [
    `Host: ${context.host}`,
    `Cookie: sid=abc; ${cookie(context)}`,
    'Connection: close',
  ]);

/** Insert mode answers a bad value with a fresh, valid one (the client is re-stuck, not stuck out). */
const freshInsertedCookie: Check = (reply) =>
  (reply.headers['set-cookie'] ?? []).some((line) => /^SERVERID=[0-9a-f]{16};/.test(line))
    ? undefined
    : 'no fresh SERVERID cookie in the answer';

/** Insert mode is `indirect`: the app never sees the balancer's cookie, hostile or not. */
const appNeverSawServerId: Check = (reply) =>
  String(echoed(reply)?.headers.cookie ?? '').includes('SERVERID')
    ? 'the SERVERID cookie reached the app'
    : undefined;

const hostileValues: Array<{
  kind: string;
  name: string;
  app: (context: CaseContext) => string;
  insert: (context: CaseContext) => string;
}> = [
  {
    kind: 'forged sticky cookie',
    name: 'a value of the right shape nobody issued',
    app: () => 'server=2x',
    insert: () => 'SERVERID=0123456789abcdef',
  },
  {
    kind: 'unknown sticky server',
    name: 'a server id that is not in the pool',
    app: () => 'server=7',
    insert: () => 'SERVERID=7',
  },
  {
    kind: 'sticky cookie naming an address',
    name: 'the address of a listener outside the pool',
    app: (c) => `server=${c.canary}`,
    insert: (c) => `SERVERID=http%3A%2F%2F${encodeURIComponent(c.canary)}%2F`,
  },
  {
    kind: 'overlong sticky cookie',
    name: '8000 characters',
    app: () => `server=${'9'.repeat(8000)}`,
    insert: () => `SERVERID=${'a'.repeat(8000)}`,
  },
  {
    kind: 'malformed sticky cookie',
    name: 'NUL, CR LF and a header in the value',
    app: () => 'server=%00%0d%0aHost:%20evil',
    insert: () => 'SERVERID=%00%0d%0aHost:%20evil',
  },
  {
    kind: 'malformed sticky cookie',
    name: 'path traversal and quotes',
    app: () => 'server="../../1"',
    insert: () => 'SERVERID="../../1"',
  },
];

/** Hostile sticky cookies, against both sticky strategies (application mode and insert mode). */
export const stickyCases: HostileCase[] = hostileValues.flatMap(({ kind, name, app, insert }) => [
  {
    kind,
    name: `server=…: ${name}`,
    target: 'sticky-app',
    send: { via: 'raw', bytes: withCookie(app) },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [servedByPool, counted('invalid-sticky-cookie')],
  },
  {
    kind,
    name: `SERVERID=…: ${name}`,
    target: 'sticky-insert',
    send: { via: 'raw', bytes: withCookie(insert) },
    expectedStatus: 200,
    forwarded: 'pool',
    checks: [
      servedByPool,
      counted('invalid-sticky-cookie'),
      freshInsertedCookie,
      appNeverSawServerId,
    ],
  },
]);
