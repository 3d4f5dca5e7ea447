import { startBalancer, type Balancer } from '../src';
import { servedBy, startTinyBackend, type TinyBackend } from './support/tiny-backend';

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
  let backends: TinyBackend[];
  let balancer: Balancer;

  beforeEach(async () => {
    backends = await Promise.all(['1', '2', '3'].map((id) => startTinyBackend(id)));
    balancer = await startBalancer({
      servers: backends.map(({ id, url }) => ({ id, url })),
      healthCheck,
    });
  });
  afterEach(async () => {
    await balancer.close();
    await Promise.all(backends.map((backend) => backend.close()));
  });

  it('retries the refused request once on another server and marks the dead one down at once', async () => {
    await backends[0].close();
    const first = await servedBy(`${balancer.url}/me`);
    expect(first).not.toBe('1');
    expect(balancer.pool.get('1')!.health).toBe('down');
    expect(balancer.counters.redispatched).toBe(1);
    const next = await Promise.all([1, 2, 3, 4].map(() => servedBy(`${balancer.url}/me`)));
    expect(next).not.toContain('1');
    expect(balancer.events.latest()[0]).toMatchObject({ reason: 'redispatch', status: 200 });
  });

  it('takes a server out after `fall` failed health checks, before any request hits it', async () => {
    await backends[1].close();
    await until(() => balancer.pool.get('2')!.health === 'down');
    expect(balancer.counters.redispatched).toBeUndefined();
  });

  it('brings a server back after `rise` good health checks', async () => {
    const port = backends[2].port;
    await backends[2].close();
    await until(() => balancer.pool.get('3')!.health === 'down');
    backends[2] = await startTinyBackend('3', port);
    await until(() => balancer.pool.get('3')!.health === 'up');
    const sequence = await Promise.all([1, 2, 3].map(() => servedBy(`${balancer.url}/me`)));
    expect(sequence.sort()).toEqual(['1', '2', '3']);
  });

  it('answers 502 with a JSON message when no server can take the request', async () => {
    await Promise.all(backends.map((backend) => backend.close()));
    const response = await fetch(`${balancer.url}/me`);
    expect(response.status).toBe(502);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /no server (is available|could take)/,
    );
  });
});
