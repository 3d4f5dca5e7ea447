import { LabClient, sleep, useLab } from '@sessions/harness';
import { lab as definition } from '../lab/lab';

interface Me {
  userid: string | null;
}

// Short timeouts so the test can wait them out (the chapter's defaults are 30 min and 8 h), with
// room between them: only a stall of over 3.7 s between two requests could end the session early.
const idleTimeoutMs = 4_000;
const absoluteTimeoutMs = 8_000;

describe('idle and absolute timeouts', () => {
  const lab = useLab(definition, {
    env: {
      SESSION_IDLE_TIMEOUT_MS: String(idleTimeoutMs),
      SESSION_ABSOLUTE_TIMEOUT_MS: String(absoluteTimeoutMs),
    },
  });

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
