import { LabClient, type ChapterServer } from '@sessions/harness';
import type { StickyMode } from '../src/sticky/sticky-mode';
import { startChapterServers, type Me } from './support/chapter-servers';
import { startHaproxy, type RunningHaproxy } from './support/haproxy';

interface Case {
  mode: StickyMode;
  config: string;
  cookie: string;
  /** A valid value: the app's server id, or one of the labels in haproxy-insert.cfg. */
  shape: RegExp;
}

const cases: Case[] = [
  { mode: 'app', config: 'haproxy-app-cookie.cfg', cookie: 'server', shape: /^[1-3]$/ },
  { mode: 'insert', config: 'haproxy-insert.cfg', cookie: 'SERVERID', shape: /^(a7f3|5c1e|e90b)$/ },
];

describe.each(cases)('HAProxy on the shipped $config', ({ mode, config, cookie, shape }) => {
  let servers: ChapterServer[] = [];
  let haproxy: RunningHaproxy | undefined;

  beforeAll(async () => {
    servers = await startChapterServers(mode);
    haproxy = await startHaproxy(config, servers);
  });
  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all(servers.map((server) => server.stop()));
  });

  async function loggedInUser(name: string) {
    const user = new LabClient(haproxy!.url, { name });
    const login = await user.post('/login', { userid: name });
    await user.post('/cart', { item: 'apple' });
    return { user, server: login.servedBy! };
  }

  /**
   * Restarts a killed server once HAProxy has seen it go down: restarted sooner, HAProxy might
   * never mark it DOWN, and so never report it UP again.
   */
  async function bringBack(id: string, downBefore: number) {
    await haproxy!.waitForReport(id, 'DOWN', downBefore);
    const upBefore = haproxy!.reported(id, 'UP');
    await servers[Number(id) - 1].restart();
    await haproxy!.waitForReport(id, 'UP', upBefore);
  }

  it('keeps a logged-in user on the server that holds the session', async () => {
    const { user, server } = await loggedInUser('alice');

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await user.get<Me>('/me')).body);

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

    await servers[Number(pinned) - 1].kill();
    const after = await user.get<Me>('/me');

    expect(haproxy!.reported(pinned, 'DOWN')).toBe(downBefore);
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

    await servers[Number(pinned) - 1].kill();
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
