import { LabClient, type ChapterServer } from '@sessions/harness';
import type { StickyMode } from '../src/sticky/sticky-mode';
import { meAgain, shopper, useChapterServers, type Me } from './support/chapter-servers';
import { renderTemplate, startNginx, type RunningNginx } from './support/nginx';
import { startHaproxy, type RunningHaproxy } from './support/haproxy';

interface Case {
  mode: StickyMode;
  config: string;
  cookie: string;
  /** A valid value: the app's server id, or one of the labels in haproxy-insert.cfg. */
  shape: RegExp;
}

/**
 * One set of servers per sticky mode for every test of this file, each test with users of its
 * own; a test that kills a server brings it back. HAProxy (app cookie) and nginx share the
 * app-mode servers, one balancer after the other.
 */
const serversIn: Record<StickyMode, () => ChapterServer[]> = {
  app: useChapterServers('app'),
  insert: useChapterServers('insert'),
};

const cases: Case[] = [
  { mode: 'app', config: 'haproxy-app-cookie.cfg', cookie: 'server', shape: /^[1-3]$/ },
  { mode: 'insert', config: 'haproxy-insert.cfg', cookie: 'SERVERID', shape: /^(a7f3|5c1e|e90b)$/ },
];

describe.each(cases)('HAProxy on the shipped $config', ({ mode, config, cookie, shape }) => {
  const servers = serversIn[mode];
  let haproxy: RunningHaproxy | undefined;

  beforeAll(async () => {
    haproxy = await startHaproxy(config, servers());
  });
  afterAll(async () => {
    await haproxy?.stop();
  });

  const loggedInUser = (name: string) => shopper(haproxy!.url, name);

  /**
   * Restarts a killed server once HAProxy has seen it go down: restarted sooner, HAProxy might
   * never mark it DOWN, and so never report it UP again.
   */
  async function bringBack(id: string, downBefore: number) {
    await haproxy!.waitForReport(id, 'DOWN', downBefore);
    const upBefore = haproxy!.reported(id, 'UP');
    await servers()[Number(id) - 1].restart();
    await haproxy!.waitForReport(id, 'UP', upBefore);
  }

  it('keeps a logged-in user on the server that holds the session', async () => {
    const { user, server } = await loggedInUser('alice');

    const answers = await meAgain(user, 4);

    expect(answers.map((me) => [me.server, me.userid, me.cart])).toEqual(
      Array(4).fill([server, 'alice', ['apple']]),
    );
    expect(await user.cookie(cookie)).toMatch(shape);
    if (mode === 'insert') expect(await user.cookie('server')).toBeUndefined();
  });

  if (mode === 'insert')
    it('nocache: a cacheable first answer that carries the inserted cookie is marked private', async () => {
      // A GET whose JSON has an ETag: HAProxy considers it cacheable, so it adds the header.
      const first = await fetch(`${haproxy!.url}/me`);
      await first.arrayBuffer();
      expect(first.headers.get('etag')).not.toBeNull();
      expect(first.headers.getSetCookie().join()).toMatch(/^SERVERID=/);
      expect(first.headers.get('cache-control')).toBe('private');
    });

  it('right after kill -9, before any health check noticed, the retry lands on another server, which has no session', async () => {
    const { user, server: pinned } = await loggedInUser('carol');
    const before = await user.cookie(cookie);
    const downBefore = haproxy!.reported(pinned, 'DOWN');

    // The moment between the crash and the first failed check, held open: on a busy machine
    // the checks (every 300 ms here, fall 3) could otherwise win the race.
    const { after, downReported } = await haproxy!.withoutHealthChecks(pinned, async () => {
      await servers()[Number(pinned) - 1].kill();
      const after = await user.get<Me>('/me');
      return { after, downReported: haproxy!.reported(pinned, 'DOWN') };
    });

    expect(downReported).toBe(downBefore);
    expect(after.status).toBe(200);
    expect(after.servedBy).not.toBe(pinned);
    expect(after.body).toMatchObject({ userid: null, cart: [] });
    expect(await user.cookie(cookie)).not.toBe(before);
    const next = await user.get<Me>('/me');
    expect(next.servedBy).toBe(after.servedBy);

    await bringBack(pinned, downBefore);
  });

  it('after health checks took the server out, its users go straight to a healthy server, without their session', async () => {
    const { user, server: pinned } = await loggedInUser('dave');
    const downBefore = haproxy!.reported(pinned, 'DOWN');

    await servers()[Number(pinned) - 1].kill();
    await haproxy!.waitForReport(pinned, 'DOWN', downBefore);
    const after = await user.get<Me>('/me');

    expect(after.servedBy).not.toBe(pinned);
    expect(after.body.userid).toBeNull();
    expect(await user.cookie(cookie)).toMatch(shape);

    await user.post('/login', { userid: 'dave' });
    await bringBack(pinned, downBefore);
    const later = await user.get<Me>('/me');
    expect([later.servedBy, later.body.userid]).toEqual([after.servedBy, 'dave']);
  });

  it('treats a value that names no server as no cookie and answers from its pool', async () => {
    const response = await fetch(`${haproxy!.url}/me`, {
      headers: { cookie: `${cookie}=127.0.0.1:22` },
    });
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    expect(['1', '2', '3']).toContain(response.headers.get('x-served-by'));
  });
});

describe('nginx 1.22 on the shipped nginx-app-cookie.conf.template (map $cookie_server)', () => {
  const servers = serversIn.app;
  let nginx: RunningNginx | undefined;

  beforeAll(async () => {
    nginx = await startNginx('nginx-app-cookie.conf.template', servers());
  });
  afterAll(async () => {
    await nginx?.stop();
  });

  const loggedInUser = (name: string) => shopper(nginx!.url, name);

  it('keeps a logged-in user on the server named by the app cookie', async () => {
    const { user, server } = await loggedInUser('alice');

    const answers = await meAgain(user, 4);

    expect(answers.map((me) => [me.server, me.userid])).toEqual(Array(4).fill([server, 'alice']));
    expect(await user.cookie('server')).toBe(server);
  });

  it('when the server dies, the first request is refused and retried on a backup; later ones skip the failed server', async () => {
    // Two users on the same server (first visits go round-robin over three).
    const users: Array<{ user: LabClient; server: string }> = [];
    let i = 0;
    while (!users.some((a) => users.some((b) => a !== b && a.server === b.server)))
      users.push(await loggedInUser(`user-${++i}`));
    const pinned = users.at(-1)!.server;
    const [first, second] = users.filter((u) => u.server === pinned);
    const victim = servers()[Number(pinned) - 1];

    await victim.kill();
    const refusedBefore = nginx!.refusedBy(victim);
    const firstAfter = await first.user.get<Me>('/me');
    const refusedAfterFirst = nginx!.refusedBy(victim);
    const secondAfter = await second.user.get<Me>('/me');

    for (const answer of [firstAfter, secondAfter]) {
      expect(answer.status).toBe(200);
      expect(answer.servedBy).not.toBe(pinned);
      expect(answer.body.userid).toBeNull();
    }
    // The first request found the refusal itself; nginx then marked the server failed
    // (max_fails=1), so the second went straight to a backup without trying it.
    expect(refusedAfterFirst).toBe(refusedBefore + 1);
    expect(nginx!.refusedBy(victim)).toBe(refusedAfterFirst);
    // The backup's answer re-pinned the user with its own cookie.
    expect(await first.user.cookie('server')).toBe(firstAfter.servedBy);
    const next = await first.user.get<Me>('/me');
    expect(next.servedBy).toBe(firstAfter.servedBy);

    await victim.start();
  });

  it('treats a cookie value that names no server as a first visit', async () => {
    for (const value of ['9', '127.0.0.1:22', 'x'.repeat(2000)]) {
      const response = await fetch(`${nginx!.url}/me`, { headers: { cookie: `server=${value}` } });
      await response.arrayBuffer();
      expect([
        response.status,
        ['1', '2', '3'].includes(response.headers.get('x-served-by')!),
      ]).toEqual([200, true]);
    }
  });

  it('keeps the servers’ /__internal endpoints private, like the course balancer', async () => {
    const response = await fetch(`${nginx!.url}/__internal/sessions`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-served-by')).toBeNull();
  });
});

describe('rendering the nginx template', () => {
  it('fills ${NAME} placeholders, keeps nginx $variables, and refuses a missing value', () => {
    expect(
      renderTemplate('listen ${LB_ADDR}; map $cookie_server', { LB_ADDR: '127.0.0.1:1' }),
    ).toBe('listen 127.0.0.1:1; map $cookie_server');
    expect(() => renderTemplate('server ${SERVER_1};', {})).toThrow('the template needs SERVER_1');
  });
});
