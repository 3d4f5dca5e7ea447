import { appCases } from '../src/cases/app-cases';
import type { HostileCase } from '../src/cases/hostile-case';
import { appChapters } from '../src/suite';
import { startHostileWorld, type HostileWorld } from '../src/world/hostile-world';
import { hostileCaseTests } from './support/hostile-cases';

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

  hostileCaseTests(() => world, pids, appCases(chapter), title);
});
