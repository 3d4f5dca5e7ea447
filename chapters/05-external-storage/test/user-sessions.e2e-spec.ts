import { LabClient, useLab } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { loggedInUser, type Me } from './user';

interface SessionList {
  userid: string;
  limit: number;
  sessions: Array<{ fingerprint: string; current: boolean }>;
}

/** Beyond the source, as Spring Session's indexed sessions do it. */
describe("a user's sessions across devices (Redis index, at most 2 per user)", () => {
  const lab = useLab(externalStorageLab('redis'), {
    servers: 2,
    env: { MAX_SESSIONS_PER_USER: '2' },
  });

  it('lists the sessions of the logged-in user, marks the current one, and never shows other ids', async () => {
    const laptop = await loggedInUser(lab.url, 'alice', 'alice-laptop');
    const phone = await loggedInUser(lab.url, 'alice', 'alice-phone');
    await loggedInUser(lab.url, 'bob');

    const list = await phone.get<SessionList>('/sessions');
    const laptopId = (await laptop.get<Me>('/me')).body.sessionId!;

    expect(list.body.userid).toBe('alice');
    expect(list.body.sessions).toHaveLength(2);
    expect(list.body.sessions.map((session) => session.current)).toEqual([false, true]);
    expect(JSON.stringify(list.body)).not.toContain(laptopId);
  });

  it('a third login ends the oldest session: the first device is logged out, the others stay', async () => {
    const first = await loggedInUser(lab.url, 'carol', 'carol-1');
    const second = await loggedInUser(lab.url, 'carol', 'carol-2');
    const third = await loggedInUser(lab.url, 'carol', 'carol-3');

    const states = await Promise.all(
      [first, second, third].map(async (device) => (await device.get<Me>('/me')).body.userid),
    );
    const list = await third.get<SessionList>('/sessions');

    expect(states).toEqual([null, 'carol', 'carol']);
    expect(list.body.sessions).toHaveLength(2);
  });

  it('"log out everywhere" ends every session of that user and no one else\'s', async () => {
    const desk = await loggedInUser(lab.url, 'dave', 'dave-desk');
    const tablet = await loggedInUser(lab.url, 'dave', 'dave-tablet');
    const erin = await loggedInUser(lab.url, 'erin');

    const out = await tablet.post<{ sessionsEnded: number }>('/sessions/logout-everywhere');
    const after = await Promise.all(
      [desk, tablet, erin].map(async (device) => (await device.get<Me>('/me')).body.userid),
    );

    expect(out.status).toBe(200);
    expect(out.body.sessionsEnded).toBe(2);
    expect(after).toEqual([null, null, 'erin']);
  });

  it('asking for sessions without being logged in is a 401 with a message', async () => {
    const anonymous = new LabClient(lab.url, { timeoutMs: 5000 });
    const list = await anonymous.get<{ message: string }>('/sessions');
    const out = await anonymous.post<{ message: string }>('/sessions/logout-everywhere');

    expect([list.status, out.status]).toEqual([401, 401]);
    expect(list.body.message).toMatch(/POST \/login/);
  });
});
