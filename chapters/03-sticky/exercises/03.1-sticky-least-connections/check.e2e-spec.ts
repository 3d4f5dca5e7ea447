import { LabClient, startLab, waitFor, type Lab } from '@sessions/harness';
import type { Strategy } from '@sessions/load-balancer';
import { labFor } from '../../lab/lab';

interface Me {
  userid: string | null;
}

// Health checks far apart: the paused server must stay "up", so only the strategy keeps new users away.
const healthCheck = { intervalMs: 60_000, fall: 3, rise: 2, timeoutMs: 250 };
const newUsers = 6;

async function loadStrategy(): Promise<() => Strategy> {
  const file = '../../src/sticky/sticky-least-connections';
  const loaded = (await import(file).catch(() => undefined)) as
    { stickyLeastConnections?: () => Strategy } | undefined;
  if (typeof loaded?.stickyLeastConnections !== 'function')
    throw new Error(
      'src/sticky/sticky-least-connections.ts does not export a function stickyLeastConnections() yet: it returns the new Strategy.',
    );
  return loaded.stickyLeastConnections;
}

describe('exercise 03.1: sticky sessions whose new users go to the server with the fewest requests in flight', () => {
  let lab: Lab | undefined;
  let paused: string | undefined;

  afterAll(async () => {
    if (paused) lab?.server(paused).resume();
    await lab?.stop();
  });

  it('while one server is stuck with a request in flight, new users go to the others, and its own user stays pinned to it', async () => {
    const stickyLeastConnections = await loadStrategy();
    lab = await startLab(
      { ...labFor('app'), strategy: stickyLeastConnections },
      { balancer: { healthCheck } },
    );
    const pool = lab.balancer!.pool;
    const pinned = new LabClient(lab.url, { name: 'pinned' });
    const stuck = (await pinned.post('/login', { userid: 'pinned' })).servedBy!;

    // SIGSTOP: the pinned user's next request waits in flight on that server.
    paused = stuck;
    lab.server(stuck).pause();
    const inFlight = pinned.get('/me').catch(() => undefined);
    await waitFor(() => pool.get(stuck)!.active > 0, `a request in flight on server ${stuck}`);
    const before = pool.get(stuck)!.requests;
    for (let i = 0; i < newUsers; i++) {
      const newcomer = new LabClient(lab.url, { name: `new-${i}`, timeoutMs: 3_000 });
      // A login sent to the stuck server hangs: give up on it, the count below tells.
      await newcomer.post('/login', { userid: `new-${i}` }).catch(() => undefined);
    }
    const sentToStuck = pool.get(stuck)!.requests - before;
    lab.server(stuck).resume();
    paused = undefined;
    await inFlight;

    if (sentToStuck > 0)
      throw new Error(
        `${sentToStuck} of ${newUsers} new users were sent to server ${stuck}, which had a request in flight while the others had none: a new user goes to the server with the fewest requests in flight (then the fewest served).`,
      );
    const me = await pinned.get<Me>('/me');
    if (me.servedBy !== stuck || me.body.userid !== 'pinned')
      throw new Error(
        `The pinned user was answered by server ${me.servedBy} (userid ${me.body.userid}): a user who has a server stays on it, busy or not.`,
      );
  });
});
