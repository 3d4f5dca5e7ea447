import { balancerCases } from '../src/cases/balancer-cases';
import { framingHostileCases } from '../src/cases/framing-cases';
import { limitCases } from '../src/cases/limit-cases';
import { stickyCases } from '../src/cases/sticky-cases';
import type { HostileCase } from '../src/cases/hostile-case';
import { runCase } from '../src/run-case';
import { startHostileWorld, type HostileWorld } from '../src/world/hostile-world';
import { leftoverProcesses } from '../src/world/leftovers';

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

  it.each(
    [...balancerCases, ...framingHostileCases, ...limitCases, ...stickyCases].map(
      (c) => [title(c), c] as const,
    ),
  )('%s', async (_title, hostile) => {
    const outcome = await runCase(world, hostile);
    expect({ case: hostile.name, problems: outcome.problems }).toEqual({
      case: hostile.name,
      problems: [],
    });
  });

  it('leaves no process it started running once the lab is stopped', async () => {
    await world.stop();
    expect(leftoverProcesses(pids)).toEqual([]);
  });
});
