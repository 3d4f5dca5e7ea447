import { withThreeBackends } from './support/three-backends';
import { servedBy, startTinyBackend } from './support/tiny-backend';

/**
 * Checks take a server out only after a second of failures: a request sent right after a
 * kill beats them unless the machine stalls for a second (the refused connection finds the crash), and a test that
 * waits for them waits at most `fall × (interval + timeout)` plus room for a busy machine.
 */
const healthCheck = { intervalMs: 100, fall: 10, rise: 2, timeoutMs: 200 };
const checksBoundMs = healthCheck.fall * (healthCheck.intervalMs + healthCheck.timeoutMs) + 10_000;

const until = async (condition: () => boolean, timeoutMs = checksBoundMs) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('when a server stops accepting connections', () => {
  const world = withThreeBackends({
    healthCheck,
  });

  it('retries the refused request once on another server and marks the dead one down at once', async () => {
    await world.backends[0].close();
    const first = await servedBy(`${world.balancer.url}/me`);
    expect(first).not.toBe('1');
    expect(world.balancer.pool.get('1')!.health).toBe('down');
    expect(world.balancer.counters.redispatched).toBe(1);
    const next = await Promise.all([1, 2, 3, 4].map(() => servedBy(`${world.balancer.url}/me`)));
    expect(next).not.toContain('1');
    expect(world.balancer.events.latest()[0]).toMatchObject({ reason: 'redispatch', status: 200 });
  });

  it('takes a server out after `fall` failed health checks, before any request hits it', async () => {
    await world.backends[1].close();
    await until(() => world.balancer.pool.get('2')!.health === 'down');
    expect(world.balancer.counters.redispatched).toBeUndefined();
  });

  it('brings a server back after `rise` good health checks', async () => {
    const port = world.backends[2].port;
    await world.backends[2].close();
    await until(() => world.balancer.pool.get('3')!.health === 'down');
    world.backends[2] = await startTinyBackend('3', port);
    await until(() => world.balancer.pool.get('3')!.health === 'up');
    const sequence = await Promise.all([1, 2, 3].map(() => servedBy(`${world.balancer.url}/me`)));
    expect(sequence.sort()).toEqual(['1', '2', '3']);
  });

  it('answers 502 with a JSON message when no server can take the request', async () => {
    await Promise.all(world.backends.map((backend) => backend.close()));
    const response = await fetch(`${world.balancer.url}/me`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /no server (is available|could take)/,
    );
  });
});
