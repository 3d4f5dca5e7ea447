import { busyMachineSlackMs, LabClient, useLab, waitFor, type Lab } from '@sessions/harness';
import { measureFailoverLoss, type FailoverMoment } from '../lab/experiments/failover-loss';
import { measureSkew } from '../lab/experiments/skew';
import { labFor } from '../lab/lab';
import { meAgain, shopper, type Me } from './support/chapter-servers';
import type { StickyMode } from '../src/sticky/sticky-mode';

/**
 * Health checks every 300 ms, out after 3 failures: a request sent right after a kill
 * always beats them (the crash is found by the refused connection), and a test that
 * waits for them does not wait long.
 */
const healthCheck = { intervalMs: 300, fall: 3, rise: 2, timeoutMs: 250 };

/** The cookie each mode routes by, and what a valid value looks like. */
const stickyCookie: Record<StickyMode, { name: string; shape: RegExp }> = {
  app: { name: 'server', shape: /^[1-3]$/ },
  insert: { name: 'SERVERID', shape: /^[0-9a-f]{16}$/ },
};

/**
 * One lab per mode for every test of this file, each test with users of its own. A test that
 * kills a server brings it back before the next one starts; the experiments that leave a server
 * dead come last.
 */
const labs: Record<StickyMode, Lab> = {
  app: useLab(labFor('app'), { balancer: { healthCheck } }),
  insert: useLab(labFor('insert'), { balancer: { healthCheck } }),
};

describe.each<StickyMode>(['app', 'insert'])('sticky sessions, %s mode', (mode) => {
  const lab = labs[mode];
  const cookie = stickyCookie[mode];

  /** Logs a new user in and puts an apple in the cart; returns the user and their server. */
  const loggedInUser = (name: string) => shopper(lab.url, name);

  /** The reason the balancer gave for this user's latest request. */
  async function lastReason(user: LabClient): Promise<string> {
    const expected = user.history.length;
    let reason = '';
    await waitFor(() => {
      const mine = lab.balancer!.events.latest().filter((event) => event.client === user.name);
      reason = mine.at(-1)?.reason ?? '';
      return mine.length >= expected;
    }, `the balancer's event for ${user.name}'s request`);
    return reason;
  }

  /** Restarts a server and waits for `rise` passing checks, with room for a busy machine. */
  async function bringBack(id: string) {
    await lab.server(id).restart();
    await waitFor(
      () => lab.balancer!.pool.get(id)?.health === 'up',
      `server ${id} to rejoin`,
      (healthCheck.rise + 1) * (healthCheck.intervalMs + healthCheck.timeoutMs) +
        busyMachineSlackMs,
    );
  }

  it('keeps a logged-in user on the server that holds the session', async () => {
    const { user, server } = await loggedInUser('alice');

    const answers = await meAgain(user, 5);

    expect(answers.map((me) => [me.server, me.userid, me.cart])).toEqual(
      Array(5).fill([server, 'alice', ['apple']]),
    );
    expect(await user.cookie(cookie.name)).toMatch(cookie.shape);
    expect(await lastReason(user)).toBe('sticky');
  });

  it(`the routing cookie is ${mode === 'app' ? "the app's own server=<id>" : "the balancer's SERVERID, and the app sets none"}`, async () => {
    const { user, server } = await loggedInUser('bob');
    if (mode === 'app') {
      expect(await user.cookie('server')).toBe(server);
      expect(await user.cookie('SERVERID')).toBeUndefined();
    } else {
      expect(await user.cookie('server')).toBeUndefined();
      // Opaque: not the server's id, not its address.
      const value = await user.cookie('SERVERID');
      expect(value).toMatch(cookie.shape);
      expect(value).not.toContain(String(lab.server(server).port));
    }
  });

  it('right after kill -9: the connection is refused, the balancer retries on another server at once, and that server has no session', async () => {
    const { user, server: pinned } = await loggedInUser('carol');
    const before = await user.cookie(cookie.name);

    await lab.server(pinned).kill();
    const after = await user.get<Me>('/me');

    expect(after.status).toBe(200);
    expect(after.servedBy).not.toBe(pinned);
    expect(after.body).toMatchObject({ userid: null, cart: [] });
    expect(await lastReason(user)).toBe('redispatch');
    // The answer re-pins the user: the new server's cookie replaced the old one.
    expect(await user.cookie(cookie.name)).not.toBe(before);
    const next = await user.get<Me>('/me');
    expect(next.servedBy).toBe(after.servedBy);
    expect(await lastReason(user)).toBe('sticky');

    await bringBack(pinned);
  });

  it('after health checks took the dead server out, its users go straight to a healthy server, without their session', async () => {
    const { user, server: pinned } = await loggedInUser('dave');
    const redispatchedBefore = lab.balancer!.counters.redispatched ?? 0;

    await lab.server(pinned).kill();
    await waitFor(
      () => lab.balancer!.pool.get(pinned)?.health === 'down',
      `health checks to take server ${pinned} out`,
      healthCheck.fall * (healthCheck.intervalMs + healthCheck.timeoutMs) + busyMachineSlackMs,
    );
    const after = await user.get<Me>('/me');

    expect(after.servedBy).not.toBe(pinned);
    expect(after.body.userid).toBeNull();
    expect(await lastReason(user)).toBe('sticky-server-down');
    expect(lab.balancer!.counters.redispatched ?? 0).toBe(redispatchedBefore);

    // Logging in again works, on the new server, and the user stays there once the old one is back.
    await user.post('/login', { userid: 'dave' });
    await bringBack(pinned);
    const later = await user.get<Me>('/me');
    expect([later.servedBy, later.body.userid]).toEqual([after.servedBy, 'dave']);
  });

  it.each([
    ['a value that names no server', mode === 'app' ? '9' : '0123456789abcdef'],
    ['an address', '127.0.0.1:22'],
    ['an overlong value', 'x'.repeat(4000)],
    ['a malformed value', '%00%0d%0a'],
  ])('treats %s as no cookie, counts it, and answers from the pool', async (_what, value) => {
    const counted = lab.balancer!.counters['invalid-sticky-cookie'] ?? 0;

    const response = await fetch(`${lab.url}/me`, {
      headers: { cookie: `${cookie.name}=${value}` },
    });
    await response.arrayBuffer();

    expect(response.status).toBe(200);
    expect(lab.servers.map((server) => server.id)).toContain(response.headers.get('x-served-by'));
    expect(lab.balancer!.counters['invalid-sticky-cookie']).toBe(counted + 1);
    // And the client is handed a valid cookie instead.
    const repinned = response.headers
      .getSetCookie()
      .find((line) => line.startsWith(`${cookie.name}=`));
    expect(repinned?.split(';')[0].split('=')[1]).toMatch(cookie.shape);
  });
});

describe('experiment B, load skew', () => {
  const lab = labs.app;

  it('on the same unequal users, sticky sessions load the busiest server measurably more than round-robin', async () => {
    // Four heavy users on three servers: sticky must put two of them on one server.
    const { roundRobin, sticky } = await measureSkew(lab, 'app', {
      heavyUsers: 4,
      heavyRequests: 20,
      lightUsers: 12,
      lightRequests: 2,
      arrivalTicks: 8,
      seed: 3,
    });

    expect(roundRobin.requests).toBe(sticky.requests);
    // Every request was answered by a server (none counted as "none": no 502s skewing the figures).
    expect(Object.keys(roundRobin.requestsPerServer).sort()).toEqual(['1', '2', '3']);
    expect(Object.keys(sticky.requestsPerServer).sort()).toEqual(['1', '2', '3']);
    // Round-robin counts requests, so it stays even however unequal the users are.
    expect(roundRobin.maxOverMean).toBeLessThanOrEqual(1.05);
    expect(sticky.maxOverMean).toBeGreaterThanOrEqual(roundRobin.maxOverMean + 0.15);
    // Sticky never moved a heavy user: each one stayed on its first server.
    for (const servers of Object.values(sticky.heavyUsersServedBy)) expect(servers).toHaveLength(1);
  });
});

// Each mode at one moment keeps this file short; the tests above cover every pair.
const runs: Array<[StickyMode, FailoverMoment]> = [
  ['app', 'right-after-crash'],
  ['insert', 'after-health-checks'],
];

describe.each(runs)('experiment A, failover loss (%s mode, users come back %s)', (mode, moment) => {
  const lab = labs[mode];

  it('when one of three servers dies, exactly the users pinned to it lose their session', async () => {
    const result = await measureFailoverLoss(lab, { users: 12, victim: '2', moment, seed: 5 });

    expect(result.keptBeforeCrash).toBe(12);
    // Round-robin pins each new user to the next server: a third of them are on server 2.
    expect(result.pinnedToVictim).toBe(4);
    expect(result.lostShare).toBe(result.expectedShare);
    expect(result.lostExactlyThePinned).toBe(true);
    expect(result.servedAfter['2']).toBeUndefined();
  });
});
