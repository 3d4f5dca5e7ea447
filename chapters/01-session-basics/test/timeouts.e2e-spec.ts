import { LabClient, sleep } from '@sessions/harness';
import {
  absoluteTimeoutMs,
  idleTimeoutMs,
  useShortTimeoutsLab,
  type Me,
} from './support/short-timeouts';

describe('idle and absolute timeouts', () => {
  const lab = useShortTimeoutsLab();

  it('the server ends a session left idle, even when a client keeps sending the expired cookie', async () => {
    const user = new LabClient(lab.url, { name: 'idle' });
    await user.post('/login', { userid: 'a' });
    const cookie = (await user.cookie('sid'))!;

    await sleep(idleTimeoutMs + 1_000);
    // A jar would drop the expired cookie by itself; send it by hand to test the server.
    const stubborn = new LabClient(lab.url, { cookies: false });
    const me = await stubborn.get<Me>('/me', { cookie: `sid=${cookie}` });

    expect(me.body.userid).toBeNull();
  });

  it('activity keeps a session past the idle timeout (rolling), but not past the absolute timeout', async () => {
    const user = new LabClient(lab.url, { name: 'busy' });
    const started = Date.now();
    await user.post('/login', { userid: 'a' });

    let lastLoggedInAt = started;
    let endedBy: string | null = null;
    while (Date.now() - started < absoluteTimeoutMs + 3_000) {
      await sleep(300);
      const me = await user.get<Me>('/me');
      if (me.body.userid !== 'a') {
        endedBy = me.headers.get('x-session-expired');
        break;
      }
      lastLoggedInAt = Date.now();
    }

    expect(lastLoggedInAt - started).toBeGreaterThan(idleTimeoutMs); // rolling kept it alive
    expect(endedBy).toBe('absolute-timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(absoluteTimeoutMs);
  });
});
