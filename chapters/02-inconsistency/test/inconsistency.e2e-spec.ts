import { LabClient, useLab } from '@sessions/harness';
import { measureLostSessions } from '../lab/experiments/lost-sessions';
import { lab as definition } from '../lab/lab';

interface Me {
  server: string;
  sessionId: string | null;
  userid: string | null;
}

/**
 * One lab of three servers for the source picture and the lost-sessions experiment, the
 * experiment after the tests that count every session the servers hold.
 */
const lab = useLab(definition);

describe('three servers behind round-robin (the source picture)', () => {
  it('server 1 issues a session for "a", and the next request lands on server 2, which does not know the user', async () => {
    const user = new LabClient(lab.url, { name: 'a' });

    const login = await user.post<{ server: string; sessionId: string; userid: string }>('/login', {
      userid: 'a',
    });
    const next = await user.get<Me>('/me');

    expect(login.body.userid).toBe('a');
    expect(next.servedBy).not.toBe(login.servedBy);
    expect(next.body).toMatchObject({ userid: null, sessionId: null });
    // The browser did send its cookie: the session exists, just not on this server.
    expect(await user.cookie('sid')).toBeDefined();
  });

  it('the session is found again only when round-robin comes back to the server that created it', async () => {
    const user = new LabClient(lab.url, { name: 'b' });
    const login = await user.post<{ server: string }>('/login', { userid: 'b' });

    const answers: Me[] = [];
    for (let i = 0; i < 6; i++) answers.push((await user.get<Me>('/me')).body);

    for (const answer of answers) {
      const expected = answer.server === login.body.server ? 'b' : null;
      expect({ server: answer.server, userid: answer.userid }).toEqual({
        server: answer.server,
        userid: expected,
      });
    }
    expect(answers.filter((answer) => answer.userid === 'b')).toHaveLength(2);
  });

  it('each server holds only the sessions created on it', async () => {
    const held = await Promise.all(
      lab.servers.map(
        async (server) =>
          (
            (await (await fetch(`${server.url}/__internal/sessions`)).json()) as {
              sessions: unknown[];
            }
          ).sessions.length,
      ),
    );
    expect(held.reduce((a, b) => a + b, 0)).toBe(2);
    expect(Math.max(...held)).toBe(1);
  });
});

describe('the lost-sessions experiment', () => {
  it('finds the session in about one request of three: 1 - 1/N of requests reach a server without it', async () => {
    const result = await measureLostSessions(lab, {
      users: 12,
      requestsPerUser: 10,
      servers: 3,
      seed: 7,
    });

    expect(result.requests).toBe(120);
    expect(result.expectedShare).toBeCloseTo(2 / 3, 5);
    // Within 12 points of 1 - 1/N: the requests that reached a server without the session.
    expect(Math.abs(result.shareWithoutSession - result.expectedShare)).toBeLessThan(0.12);
    // Round-robin itself stays perfectly even: the load is fine, the sessions are not.
    expect(Object.values(result.servedBy)).toEqual([40, 40, 40]);
  });
});

describe('one server alone', () => {
  const lab = useLab(definition, { servers: 1 });

  it('always finds the session: the inconsistency needs more than one server', async () => {
    const user = new LabClient(lab.url, { name: 'a' });
    await user.post('/login', { userid: 'a' });
    for (let i = 0; i < 5; i++) {
      const me = await user.get<Me>('/me');
      expect(me.body.userid).toBe('a');
    }
  });
});
