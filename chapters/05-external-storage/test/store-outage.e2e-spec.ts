import { isHealthy, sleep, useLab } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { control, testControlToken } from './lab-controls';
import { loggedInUser, type ErrorBody, type Me } from './user';

/** Fast health checks, so that a test can wait out the time they need to take a server out. */
const healthCheck = { intervalMs: 200, fall: 2, rise: 2, timeoutMs: 500 };
const timeToTakeOutMs = healthCheck.fall * (healthCheck.intervalMs + healthCheck.timeoutMs);

/** The store as the single point of failure (단일 장애점 SPoF). */
describe('when Redis stops', () => {
  const lab = useLab(externalStorageLab('redis'), {
    servers: 2,
    controlToken: testControlToken,
    balancer: { healthCheck },
  });

  it('a request that needs the session gets a 503 JSON message, not a hang or an empty session', async () => {
    const user = await loggedInUser(lab.url, 'outage-a');
    await control(lab, 'stop-redis');
    try {
      // The client gives up after 5 s: a hung request fails this test.
      const me = await user.get<ErrorBody>('/me');
      const login = await user.post<ErrorBody>('/login', { userid: 'outage-a' });

      expect(me.status).toBe(503);
      expect(me.headers.get('content-type')).toMatch(/json/);
      expect(me.body.message).toMatch(/session store/);
      expect(login.status).toBe(503);
      expect(login.body.message).toMatch(/session store/);
    } finally {
      await control(lab, 'start-redis');
    }
  });

  it('/health stays 200 during the outage, so every server stays in the balancer pool', async () => {
    await control(lab, 'stop-redis');
    try {
      const health = await Promise.all(lab.servers.map((server) => isHealthy(server.url)));
      // Nothing to wait for but time: twice what failing checks would need to take a server out.
      await sleep(2 * timeToTakeOutMs);
      const state = (await (await fetch(`${lab.url}/__lb/state`)).json()) as {
        servers: Array<{ health: string }>;
      };

      expect(health).toEqual([true, true]);
      expect(state.servers.map((server) => server.health)).toEqual(['up', 'up']);
    } finally {
      await control(lab, 'start-redis');
    }
  });

  it('when Redis comes back, the same server processes serve sessions again without a restart', async () => {
    const pids = lab.servers.map((server) => server.pid);
    await control(lab, 'stop-redis');
    const during = await loggedInUser(lab.url, 'outage-b').catch((error: Error) => error.message);
    await control(lab, 'start-redis');

    const user = await eventually(() => loggedInUser(lab.url, 'outage-b'));
    const answers = [await user.get<Me>('/me'), await user.get<Me>('/me')];

    expect(during).toMatch(/answered 503/);
    expect(answers.map((me) => [me.servedBy, me.body.userid]).sort()).toEqual([
      ['1', 'outage-b'],
      ['2', 'outage-b'],
    ]);
    expect(lab.servers.map((server) => server.pid)).toEqual(pids);
  });

  it('a Redis that hangs (SIGSTOP) also gives a 503 once the store deadline passes', async () => {
    const user = await loggedInUser(lab.url, 'outage-c');
    await control(lab, 'pause-redis');
    try {
      const me = await user.get<ErrorBody>('/me');

      expect(me.status).toBe(503);
      expect(me.body.message).toMatch(/no answer within/);
    } finally {
      await control(lab, 'resume-redis');
    }
    const after = await eventually(async () => {
      const me = await user.get<Me>('/me');
      if (me.status !== 200) throw new Error(`still ${me.status}`);
      return me;
    });
    expect(after.body.userid).toBe('outage-c');
  });
});

/** Retries for up to 10 s: the client reconnects in the background after Redis returns. */
async function eventually<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
