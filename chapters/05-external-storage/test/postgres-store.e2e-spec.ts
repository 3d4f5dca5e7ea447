import {
  connectLines,
  LabClient,
  runPrivateFolder,
  useLab,
  type ServiceEndpoint,
} from '@sessions/harness';
import { statSync } from 'node:fs';
import { everythingVisible, otherUid, psql, run } from './support/store-access';
import { externalStorageLab } from '../lab/lab';
import { control, testControlToken } from './lab-controls';
import { loggedInUser, type ErrorBody, type Me } from './user';

/** The RDB variant: the same app with connect-pg-simple on a real PostgreSQL. */
/**
 * One PostgreSQL and two servers for every test of this file, each test with users of its own.
 * The checks of who may connect come first; the restart of PostgreSQL comes after them.
 */
const lab = useLab(externalStorageLab('postgres'), {
  servers: 2,
  controlToken: testControlToken,
  env: { MAX_SESSIONS_PER_USER: '2' },
});

describe('chapter 05 with PostgreSQL: another local user and the store', () => {
  let postgres: ServiceEndpoint;

  beforeAll(() => {
    postgres = lab.services!.endpoints!()[0];
  });

  it('refuses a connection without the password (scram-sha-256), and accepts the lab’s role with it', () => {
    expect(psql(postgres, postgres.user!, 'select 1')).toMatch(/password/);
    expect(psql(postgres, postgres.user!, 'select 1', 'a-guessed-password')).toMatch(
      /password authentication failed/,
    );
    expect(psql(postgres, postgres.user!, 'select 1', postgres.password)).toBe('1');
  });

  it('the lab’s role is no superuser: it cannot run programs, create tables, or log in as postgres', () => {
    const asLab = (sql: string) => psql(postgres, postgres.user!, sql, postgres.password);
    expect(asLab("COPY (SELECT 1) TO PROGRAM 'id'")).toMatch(/permission denied|must be superuser/);
    expect(asLab('CREATE TABLE stolen (line text)')).toMatch(/permission denied/);
    expect(asLab('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).toBe('f');
    expect(psql(postgres, 'postgres', 'select 1', postgres.password)).toMatch(
      /password authentication failed/,
    );
  });

  it('the lab’s role owns the session table and can use it', async () => {
    await fetch(`${lab.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userid: 'owner-check' }),
    });
    const asLab = (sql: string) => psql(postgres, postgres.user!, sql, postgres.password);
    expect(asLab(`SELECT tableowner FROM pg_tables WHERE schemaname = 'public'`)).toBe(
      postgres.user,
    );
    expect(Number(asLab('SELECT count(*) FROM "session"'))).toBeGreaterThanOrEqual(1);
  });

  it('/__lb/state and the servers’ logs hold no password', async () => {
    expect(await everythingVisible(lab)).not.toContain(postgres.password);
  });

  it('the launcher’s psql line reads the password from a file only the lab’s user can read', () => {
    const { services, connect } = connectLines([postgres], runPrivateFolder());
    const printed = [...services, ...connect].join('\n');
    expect(printed).not.toContain(postgres.password);
    const file = /PGPASSFILE='([^']+)'/.exec(connect[0])![1];
    expect(statSync(file).mode & 0o077).toBe(0);
    if (otherUid !== undefined) expect(run('cat', [file])).toMatch(/Permission denied/);
    // The printed line, pasted into a shell by the lab's user, connects.
    expect(run('sh', ['-c', `${connect[0]} -X -tAc 'select current_user'`], {}, false)).toBe(
      postgres.user,
    );
  });
});

describe('two servers sharing one PostgreSQL', () => {
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
