import { LabClient, startLab, type Lab } from '@sessions/harness';
import type { Strategy } from '@sessions/load-balancer';
import { labFor } from '../../lab/lab';

interface DrainableStrategy extends Strategy {
  drain(serverId: string): void;
  resume(serverId: string): void;
}

interface Me {
  userid: string | null;
}

async function loadStrategy(): Promise<() => DrainableStrategy> {
  const file = '../../src/sticky/drainable-sticky';
  const loaded = (await import(file).catch(() => undefined)) as
    { drainableSticky?: () => DrainableStrategy } | undefined;
  if (typeof loaded?.drainableSticky !== 'function')
    throw new Error(
      'src/sticky/drainable-sticky.ts does not export a function drainableSticky() yet: it returns a Strategy with drain(serverId) and resume(serverId).',
    );
  return loaded.drainableSticky;
}

describe('exercise 03.2: draining a server sends it no new users and keeps the ones it has', () => {
  let lab: Lab | undefined;

  afterAll(async () => {
    await lab?.stop();
  });

  it('while server 1 drains, its users keep their session there and every new user goes elsewhere', async () => {
    const drainableSticky = await loadStrategy();
    const strategy = drainableSticky();
    lab = await startLab({ ...labFor('app'), strategy: () => strategy });
    const url = lab.url;

    const settled: Array<{ user: LabClient; server: string }> = [];
    for (const name of ['a', 'b', 'c']) {
      const user = new LabClient(url, { name });
      const login = await user.post('/login', { userid: name });
      settled.push({ user, server: login.servedBy! });
    }
    const drained = settled[0].server;
    strategy.drain(drained);

    for (const { user, server } of settled.filter((s) => s.server === drained)) {
      const me = await user.get<Me>('/me');
      if (me.servedBy !== server || me.body.userid === null)
        throw new Error(
          `A user pinned to the draining server ${server} was answered by server ${me.servedBy} (userid ${me.body.userid}): users already there must stay, their session lives there.`,
        );
    }
    for (let i = 0; i < 6; i++) {
      const newcomer = new LabClient(url, { name: `new-${i}` });
      const login = await newcomer.post('/login', { userid: `new-${i}` });
      if (login.servedBy === drained)
        throw new Error(
          `New user new-${i} was sent to server ${drained}, which is draining: a draining server gets no new users.`,
        );
    }
  });
});
