import { LabClient, sleep, startLab } from '@sessions/harness';
import { measureCarrierBytes } from '../../lab/experiments/carrier-bytes';
import { lab as definition } from '../../lab/lab';

interface Me {
  userid: string | null;
}

const halfLife = { SESSION_COOKIE_REFRESH: 'half-life' };

describe('exercise 01.4: with SESSION_COOKIE_REFRESH=half-life the cookie is sent again only when due', () => {
  it('the carrier-bytes experiment counts Set-Cookie only on the answers that changed the session', async () => {
    const lab = await startLab(definition, { env: halfLife });
    try {
      const [cookie] = await measureCarrierBytes(lab.url, { views: 3 });
      // The login and the two cart additions change the session; the 6 page views do not.
      const changedSession = 3;
      if (cookie.responsesCarryingId > changedSession)
        throw new Error(
          `${cookie.responsesCarryingId} of ${cookie.requests} answers still carried Set-Cookie (${cookie.receivedBytes} bytes): with SESSION_COOKIE_REFRESH=half-life only the ${changedSession} answers that changed the session should, within half the 30-minute idle timeout.`,
        );
    } finally {
      await lab.stop();
    }
  });

  it('a user who stays active is never logged out: the cookie comes again before it expires', async () => {
    // Expires has whole seconds, so a cookie may end up to 1 s early: 4 s leaves a margin.
    const idleTimeoutMs = 4_000;
    const lab = await startLab(definition, {
      env: { ...halfLife, SESSION_IDLE_TIMEOUT_MS: String(idleTimeoutMs) },
    });
    try {
      const user = new LabClient(lab.url, { name: 'active' });
      await user.post('/login', { userid: 'a' });
      let refreshed = 0;
      const started = Date.now();
      // Two idle timeouts of activity: the cookie set at login alone would expire in the jar.
      while (Date.now() - started < 2 * idleTimeoutMs + 500) {
        await sleep(200);
        const me = await user.get<Me>('/me');
        if (me.body.userid !== 'a')
          throw new Error(
            `An active user was logged out ${Date.now() - started} ms after login: send the cookie again once half the idle timeout (${idleTimeoutMs / 2} ms) has passed since it was last sent.`,
          );
        if (me.headers.getSetCookie().some((line) => line.startsWith('sid='))) refreshed += 1;
      }
      if (refreshed === 0)
        throw new Error(
          'No answer after login sent the cookie again: it would expire in the browser.',
        );
    } finally {
      await lab.stop();
    }
  });
});
