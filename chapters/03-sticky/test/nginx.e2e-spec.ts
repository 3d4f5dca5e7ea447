import { LabClient, type ChapterServer } from '@sessions/harness';
import { startChapterServers, type Me } from './support/chapter-servers';
import { renderTemplate, startNginx, type RunningNginx } from './support/nginx';

describe('nginx 1.22 on the shipped nginx-app-cookie.conf.template (map $cookie_server)', () => {
  let servers: ChapterServer[] = [];
  let nginx: RunningNginx | undefined;

  beforeAll(async () => {
    servers = await startChapterServers('app');
    nginx = await startNginx('nginx-app-cookie.conf.template', servers);
  });
  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(servers.map((server) => server.stop()));
  });

  async function loggedInUser(name: string) {
    const user = new LabClient(nginx!.url, { name });
    const login = await user.post('/login', { userid: name });
    await user.post('/cart', { item: 'apple' });
    return { user, server: login.servedBy! };
  }

  it('keeps a logged-in user on the server named by the app cookie', async () => {
    const { user, server } = await loggedInUser('alice');

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await user.get<Me>('/me')).body);

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
    const victim = servers[Number(pinned) - 1];

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
