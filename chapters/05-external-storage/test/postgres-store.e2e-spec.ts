import { LabClient, useLab } from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import { control, testControlToken } from './lab-controls';
import { loggedInUser, type ErrorBody, type Me } from './user';

/** The RDB variant: the same app with connect-pg-simple on a real PostgreSQL. */
describe('two servers sharing one PostgreSQL', () => {
  const lab = useLab(externalStorageLab('postgres'), {
    servers: 2,
    controlToken: testControlToken,
    env: { MAX_SESSIONS_PER_USER: '2' },
  });

  it('a login and a cart made through one server are known to the other', async () => {
    const user = await loggedInUser(lab.url, 'pg-a');
    const added = await user.post<Me>('/cart', { item: 'plum' });
    const me = await user.get<Me>('/me');

    expect(me.servedBy).not.toBe(added.servedBy);
    expect(me.body).toMatchObject({ userid: 'pg-a', cart: ['plum'] });
  });

  it('the sessions survive a restart of PostgreSQL: they are rows on disk', async () => {
    const user = await loggedInUser(lab.url, 'pg-b');
    await control(lab, 'stop-postgres');
    const during = await user.get<ErrorBody>('/me');
    await control(lab, 'start-postgres');

    const after = await eventuallyOk(user);

    expect(during.status).toBe(503);
    expect(after.body.userid).toBe('pg-b');
  });

  it('the per-user limit and "log out everywhere" work on PostgreSQL too', async () => {
    const devices = [];
    for (let i = 1; i <= 3; i++) devices.push(await loggedInUser(lab.url, 'pg-c', `pg-c-${i}`));

    const before = await Promise.all(
      devices.map(async (d) => (await d.get<Me>('/me')).body.userid),
    );
    const out = await devices[2].post<{ sessionsEnded: number }>('/sessions/logout-everywhere');
    const after = await Promise.all(devices.map(async (d) => (await d.get<Me>('/me')).body.userid));

    expect(before).toEqual([null, 'pg-c', 'pg-c']);
    expect(out.body.sessionsEnded).toBe(2);
    expect(after).toEqual([null, null, null]);
  });

  it('what a server holds is read from the table', async () => {
    const user = await loggedInUser(lab.url, 'pg-d');
    const { body } = await user.get<Me>('/me');
    const held = (await (await fetch(`${lab.servers[1].url}/__internal/sessions`)).json()) as {
      sessions: Array<{ id: string; userid: string }>;
    };
    expect(held.sessions).toContainEqual(
      expect.objectContaining({ id: body.sessionId, userid: 'pg-d' }),
    );
  });
});

async function eventuallyOk(user: LabClient) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const me = await user.get<Me>('/me');
    if (me.status === 200 || Date.now() > deadline) return me;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
