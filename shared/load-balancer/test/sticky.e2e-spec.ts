import { withThreeBackends } from './support/three-backends';

/** The cookie pair from a Set-Cookie line: "SERVERID=abc". */
const cookiePair = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .find((line) => line.startsWith(`${name}=`))
    ?.split(';')[0];

describe('the insert-mode sticky cookie through the real balancer', () => {
  const world = withThreeBackends({
    strategy: 'sticky-insert-cookie',
    // No health check runs during a test: "right after its server dies" means before any
    // check could notice, however long a busy machine takes between the kill and the request.
    healthCheck: { intervalMs: 60_000, fall: 2, rise: 2, timeoutMs: 200 },
  });

  it('pins a client to one server, and the server never sees SERVERID', async () => {
    const first = await fetch(`${world.balancer.url}/me`);
    await first.arrayBuffer();
    const sticky = cookiePair(first, 'SERVERID');
    expect(sticky).toMatch(/^SERVERID=[0-9a-f]{16}$/);
    expect(first.headers.get('cache-control')).toBe('private');

    const servedBy: string[] = [];
    for (let i = 0; i < 4; i++) {
      const next = await fetch(`${world.balancer.url}/me`, {
        headers: { cookie: `${sticky}; a=1` },
      });
      const body = (await next.json()) as { server: string; headers: { cookie?: string } };
      servedBy.push(body.server);
      expect(body.headers.cookie).toBe('a=1');
      expect(cookiePair(next, 'SERVERID')).toBeUndefined();
    }
    expect(new Set(servedBy)).toEqual(new Set([first.headers.get('x-served-by')]));
  });

  it('right after its server dies, the retry lands elsewhere and the answer carries a new SERVERID', async () => {
    const first = await fetch(`${world.balancer.url}/me`);
    await first.arrayBuffer();
    const pinned = first.headers.get('x-served-by')!;
    await world.backends.find((backend) => backend.id === pinned)!.close();

    const after = await fetch(`${world.balancer.url}/me`, {
      headers: { cookie: cookiePair(first, 'SERVERID')! },
    });
    await after.arrayBuffer();
    expect(after.headers.get('x-served-by')).not.toBe(pinned);
    expect(cookiePair(after, 'SERVERID')).toMatch(/^SERVERID=/);
    expect(cookiePair(after, 'SERVERID')).not.toBe(cookiePair(first, 'SERVERID'));
    expect(world.balancer.events.latest().at(-1)).toMatchObject({
      reason: 'redispatch',
      status: 200,
    });
  });

  it('counts a forged cookie and never routes outside the pool', async () => {
    const response = await fetch(`${world.balancer.url}/me`, {
      headers: { cookie: 'SERVERID=0123456789abcdef' },
    });
    await response.arrayBuffer();
    expect(world.backends.map((backend) => backend.id)).toContain(
      response.headers.get('x-served-by'),
    );
    expect(world.balancer.counters['invalid-sticky-cookie']).toBe(1);
  });
});
