import { startBalancer, type Balancer, type BalancerOptions } from '../../src';
import { startTinyBackend, type TinyBackend } from './tiny-backend';

export interface ThreeBackends {
  backends: TinyBackend[];
  balancer: Balancer;
}

/**
 * Tiny backends 1, 2 and 3 behind a fresh balancer for every test of the calling `describe`,
 * all closed after each test. Read them as `world.balancer`, `world.backends`.
 */
export function withThreeBackends(options: Omit<BalancerOptions, 'servers'>): ThreeBackends {
  const world = {} as ThreeBackends;
  beforeEach(async () => {
    world.backends = await Promise.all(['1', '2', '3'].map((id) => startTinyBackend(id)));
    world.balancer = await startBalancer({
      ...options,
      servers: world.backends.map(({ id, url }) => ({ id, url })),
    });
  });
  afterEach(async () => {
    await world.balancer?.close();
    await Promise.all((world.backends ?? []).map((backend) => backend.close()));
  });
  return world;
}
