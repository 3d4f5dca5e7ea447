import { appCases } from '../src/cases/app-cases';
import type { HostileCase } from '../src/cases/hostile-case';
import { runCase } from '../src/run-case';
import { appChapters } from '../src/suite';
import { startHostileWorld, type HostileWorld } from '../src/world/hostile-world';
import { leftoverProcesses } from '../src/world/leftovers';

const title = (c: HostileCase) =>
  `${c.kind} (${c.name}): answers ${c.expectedStatus}, the server keeps running`;

describe.each(appChapters)('hostile input to a chapter %s server', (chapter) => {
  let world: HostileWorld;
  const pids: Array<number | undefined> = [];

  beforeAll(async () => {
    world = await startHostileWorld({ chapter, servers: 1 });
    pids.push(...world.lab.servers.map((server) => server.pid));
  });
  afterAll(async () => {
    await world?.stop();
  });

  it.each(appCases(chapter).map((c) => [title(c), c] as const))('%s', async (_title, hostile) => {
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
