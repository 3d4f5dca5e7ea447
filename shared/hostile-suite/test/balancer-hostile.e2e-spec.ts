import { balancerCases } from '../src/cases/balancer-cases';
import { framingHostileCases } from '../src/cases/framing-cases';
import { limitCases } from '../src/cases/limit-cases';
import { stickyCases } from '../src/cases/sticky-cases';
import type { HostileCase } from '../src/cases/hostile-case';
import { startHostileWorld, type HostileWorld } from '../src/world/hostile-world';
import { hostileCaseTests } from './support/hostile-cases';

const title = (c: HostileCase) =>
  `${c.kind} (${c.name}): answers ${c.expectedStatus ?? 'by closing'}, ${
    c.forwarded === 'never' ? 'reaches no server' : 'stays inside the pool'
  }, nothing crashes`;

describe('hostile input to the balancer, in front of the chapter 02 lab', () => {
  let world: HostileWorld;
  const pids: Array<number | undefined> = [];

  beforeAll(async () => {
    world = await startHostileWorld({ chapter: '02-inconsistency', headersTimeoutMs: 1000 });
    pids.push(...world.lab.servers.map((server) => server.pid));
  });
  afterAll(async () => {
    await world?.stop();
  });

  hostileCaseTests(
    () => world,
    pids,
    [...balancerCases, ...framingHostileCases, ...limitCases, ...stickyCases],
    title,
  );
});
