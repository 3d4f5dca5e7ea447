import { parseCookies } from '../cookies';
import type { BackendServer, RouteContext } from '../types';
import { stickyAppCookie } from './sticky-app-cookie';

const server = (id: string, health: BackendServer['health'] = 'up'): BackendServer => ({
  id,
  url: `http://127.0.0.1:1000${id}`,
  health,
  requests: 0,
  active: 0,
});

function requestWith(cookie: string | undefined, counters: Record<string, number> = {}) {
  const context: RouteContext = {
    method: 'GET',
    path: '/me',
    headers: cookie === undefined ? {} : { cookie },
    cookies: parseCookies(cookie),
    poolIds: ['1', '2', '3'],
    count: (name) => {
      counters[name] = (counters[name] ?? 0) + 1;
    },
  };
  return context;
}

describe('sticky by the application cookie (server=<SERVER_ID>)', () => {
  const pool = [server('1'), server('2'), server('3')];

  it('sends a request that carries server=2 to server 2, every time', () => {
    const strategy = stickyAppCookie();
    const picks = [1, 2, 3, 4].map(() => strategy.pick(requestWith('sid=abc; server=2'), pool));
    expect(picks.map((pick) => [pick.server.id, pick.reason])).toEqual([
      ['2', 'sticky'],
      ['2', 'sticky'],
      ['2', 'sticky'],
      ['2', 'sticky'],
    ]);
  });

  it('spreads first visits (no cookie yet) round-robin', () => {
    const strategy = stickyAppCookie();
    const picks = [1, 2, 3].map(() => strategy.pick(requestWith(undefined), pool));
    expect(picks.map((pick) => pick.server.id)).toEqual(['1', '2', '3']);
    expect(picks.every((pick) => pick.reason === 'new-sticky')).toBe(true);
  });

  it('when the named server is down, picks a healthy one and says why', () => {
    const counters: Record<string, number> = {};
    const healthy = [server('1'), server('3')];
    const pick = stickyAppCookie().pick(requestWith('server=2', counters), healthy);
    expect(healthy).toContain(pick.server);
    expect(pick.reason).toBe('sticky-server-down');
    expect(counters).toEqual({ 'sticky-server-down': 1 });
  });

  it.each([
    ['a server id that is not in the pool', 'server=7'],
    ['an address instead of an id', 'server=127.0.0.1:22'],
    ['a URL', 'server=http%3A%2F%2Fevil.example'],
    ['an overlong value', `server=${'9'.repeat(5000)}`],
    ['an empty value', 'server='],
    ['path traversal', 'server=../../etc'],
  ])('treats %s as no cookie, counts it, and stays inside the pool', (_what, cookie) => {
    const counters: Record<string, number> = {};
    const pick = stickyAppCookie().pick(requestWith(cookie, counters), pool);
    expect(pool).toContain(pick.server);
    expect(pick.reason).toBe('invalid-sticky-cookie');
    expect(counters).toEqual({ 'invalid-sticky-cookie': 1 });
  });

  it('adds nothing to requests or responses: the application owns this cookie', () => {
    const strategy = stickyAppCookie();
    expect(strategy.beforeForward).toBeUndefined();
    expect(strategy.onResponse).toBeUndefined();
  });
});
