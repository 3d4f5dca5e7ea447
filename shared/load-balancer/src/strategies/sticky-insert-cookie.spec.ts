import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { parseCookies } from '../cookies';
import type { BackendServer, RouteContext } from '../types';
import { stickyInsertCookie } from './sticky-insert-cookie';

const server = (id: string): BackendServer => ({
  id,
  url: `http://127.0.0.1:1000${id}`,
  health: 'up',
  requests: 0,
  active: 0,
});
const pool = [server('1'), server('2'), server('3')];

function requestWith(cookie: string | undefined, counters: Record<string, number> = {}) {
  const headers: IncomingHttpHeaders = cookie === undefined ? {} : { cookie };
  const context: RouteContext = {
    method: 'GET',
    path: '/me',
    headers,
    cookies: parseCookies(cookie),
    poolIds: ['1', '2', '3'],
    count: (name) => {
      counters[name] = (counters[name] ?? 0) + 1;
    },
  };
  return context;
}

/** One request through the strategy: its pick, what the app received, what the client got back. */
function route(
  strategy: ReturnType<typeof stickyInsertCookie>,
  cookie?: string,
  candidates = pool,
) {
  const counters: Record<string, number> = {};
  const context = requestWith(cookie, counters);
  const decision = strategy.pick(context, candidates);
  const forwarded: IncomingHttpHeaders = { ...context.headers };
  strategy.beforeForward?.(context, decision, forwarded);
  const response: OutgoingHttpHeaders = { 'set-cookie': ['sid=s%3Aabc; Path=/; HttpOnly'] };
  strategy.onResponse?.(context, decision, response);
  const inserted = (response['set-cookie'] as string[])
    .find((line) => line.startsWith('SERVERID='))
    ?.split(';')[0];
  return { decision, forwarded, response, inserted, counters };
}

describe('sticky by a cookie the balancer inserts (insert indirect nocache)', () => {
  it('inserts SERVERID on the first response, keeps the app cookie, and marks the response private', () => {
    const first = route(stickyInsertCookie({ secret: 'k' }));
    expect(first.inserted).toMatch(/^SERVERID=[0-9a-f]{16}$/);
    expect(first.response['set-cookie']).toContain('sid=s%3Aabc; Path=/; HttpOnly');
    expect(first.response['cache-control']).toBe('private');
    expect(first.decision.reason).toBe('new-sticky');
  });

  it('routes the returned cookie to the same server and sets nothing new', () => {
    const strategy = stickyInsertCookie({ secret: 'k' });
    const first = route(strategy);
    const again = route(strategy, `sid=abc; ${first.inserted}`);
    expect(again.decision).toMatchObject({ server: first.decision.server, reason: 'sticky' });
    expect(again.inserted).toBeUndefined();
    expect(again.response['cache-control']).toBeUndefined();
  });

  it('strips its cookie before the app sees the request (indirect)', () => {
    const strategy = stickyInsertCookie({ secret: 'k' });
    const first = route(strategy);
    const withOthers = route(strategy, `sid=abc; ${first.inserted}; theme=dark`);
    expect(withOthers.forwarded.cookie).toBe('sid=abc; theme=dark');
    const alone = route(strategy, first.inserted);
    expect(alone.forwarded.cookie).toBeUndefined();
  });

  it('the value is opaque: it names no server id, and another key gives other values', () => {
    const a = route(stickyInsertCookie({ secret: 'one' }));
    const b = route(stickyInsertCookie({ secret: 'two' }));
    expect(a.decision.server.id).toBe(b.decision.server.id);
    expect(a.inserted).not.toBe(b.inserted);
    expect(a.inserted).not.toContain(a.decision.server.url);
  });

  it('when its server is down, another takes the request and the new value replaces the old', () => {
    const strategy = stickyInsertCookie({ secret: 'k' });
    const first = route(strategy);
    const others = pool.filter((s) => s !== first.decision.server);
    const after = route(strategy, first.inserted, others);
    expect(others).toContain(after.decision.server);
    expect(after.decision.reason).toBe('sticky-server-down');
    expect(after.inserted).toMatch(/^SERVERID=/);
    expect(after.inserted).not.toBe(first.inserted);
    expect(after.counters).toEqual({ 'sticky-server-down': 1 });
  });

  it.each([
    ['a forged value of the right shape', 'SERVERID=0123456789abcdef'],
    ['a server id instead of the opaque value', 'SERVERID=2'],
    ['an overlong value', `SERVERID=${'a'.repeat(5000)}`],
    ['garbage', 'SERVERID=%00%0d%0aHost: evil'],
  ])('treats %s as no cookie, counts it, and answers with a fresh valid value', (_what, cookie) => {
    const strategy = stickyInsertCookie({ secret: 'k' });
    const result = route(strategy, cookie);
    expect(pool).toContain(result.decision.server);
    expect(result.decision.reason).toBe('invalid-sticky-cookie');
    expect(result.counters).toEqual({ 'invalid-sticky-cookie': 1 });
    expect(result.inserted).toMatch(/^SERVERID=[0-9a-f]{16}$/);
  });

  it('keeps a stricter Cache-Control the app already sent', () => {
    const strategy = stickyInsertCookie({ secret: 'k' });
    const context = requestWith(undefined);
    const decision = strategy.pick(context, pool);
    const headers: OutgoingHttpHeaders = { 'cache-control': 'no-store' };
    strategy.onResponse?.(context, decision, headers);
    expect(headers['cache-control']).toBe('no-store');
  });
});
