import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import {
  connectLines,
  formerConstantSecrets,
  LabClient,
  labSessionSecret,
  signedSessionCookie,
  runPrivateFolder,
  startLab,
  type Lab,
  type ServiceEndpoint,
} from '@sessions/harness';
import { externalStorageLab } from '../lab/lab';
import type { LabStore } from '../lab/lab-services';

/**
 * Another account on the same machine. As root the attempt runs with a uid no account uses
 * (never a created account); otherwise it runs as this user without the password, which the
 * stores refuse just the same.
 */
const otherUid = process.getuid?.() === 0 ? 64123 : undefined;

function run(command: string, args: string[], env: Record<string, string> = {}, asOther = true) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
    uid: asOther ? otherUid : undefined,
    gid: asOther ? otherUid : undefined,
    timeout: 15_000,
  });
  return `${result.stdout}${result.stderr}`.trim();
}

const redisCli = (endpoint: ServiceEndpoint, env: Record<string, string> = {}) =>
  run(
    'redis-cli',
    ['--no-auth-warning', '-h', endpoint.host, '-p', String(endpoint.port), 'PING'],
    env,
  );

const psql = (endpoint: ServiceEndpoint, user: string, sql: string, password?: string) =>
  run(
    'psql',
    [
      '-X',
      '-w',
      '-h',
      endpoint.host,
      '-p',
      String(endpoint.port),
      '-U',
      user,
      '-d',
      endpoint.database!,
      '-tAc',
      sql,
    ],
    password ? { PGPASSWORD: password } : {},
  );

async function everythingVisible(lab: Lab): Promise<string> {
  const state = await (await fetch(`${lab.url}/__lb/state`)).text();
  const logs = lab.servers.map((server) => server.recentOutput()).join('\n');
  return `${state}\n${logs}`;
}

describe.each<LabStore>(['redis', 'redis-sentinel'])(
  'chapter 05 with %s: another local user and the store',
  (store) => {
    let lab: Lab;
    let endpoints: ServiceEndpoint[];

    beforeAll(async () => {
      lab = await startLab(externalStorageLab(store), { servers: 1 });
      endpoints = lab.services!.endpoints!();
    });
    afterAll(async () => {
      await lab?.stop();
    });

    it('every Redis and Sentinel refuses a client without the lab’s password, and answers one with it', () => {
      expect(endpoints.length).toBeGreaterThan(0);
      for (const endpoint of endpoints) {
        expect({ service: endpoint.name, reply: redisCli(endpoint) }).toEqual({
          service: endpoint.name,
          reply: expect.stringContaining('NOAUTH'),
        });
        expect({
          service: endpoint.name,
          reply: redisCli(endpoint, { REDISCLI_AUTH: endpoint.password }),
        }).toEqual({
          service: endpoint.name,
          reply: 'PONG',
        });
      }
    });

    it('the launcher’s redis-cli lines connect without ever showing the password', () => {
      const { services, connect } = connectLines(endpoints, runPrivateFolder());
      const printed = [...services, ...connect].join('\n');
      for (const endpoint of endpoints) expect(printed).not.toContain(endpoint.password);
      for (const line of connect) expect(run('sh', ['-c', `${line} PING`], {}, false)).toBe('PONG');
    });

    it('a session cookie signed with the secret the repository once shipped is refused; the lab’s is accepted', async () => {
      const user = new LabClient(lab.url, { name: 'cookie-check' });
      await user.post('/login', { userid: 'cookie-check' });
      const sid = (await user.get<{ sessionId: string }>('/me')).body.sessionId;
      const meWith = async (secret: string) => {
        const response = await fetch(`${lab.url}/me`, {
          headers: { cookie: `sid=${signedSessionCookie(sid, secret)}` },
        });
        return ((await response.json()) as { userid: string | null }).userid;
      };
      expect(await meWith(formerConstantSecrets.session)).toBeNull();
      expect(await meWith(labSessionSecret)).toBe('cookie-check');
    });

    it('/__lb/state and the servers’ logs hold no password', async () => {
      await fetch(`${lab.url}/me`);
      const visible = await everythingVisible(lab);
      for (const endpoint of endpoints) expect(visible).not.toContain(endpoint.password);
    });
  },
);

describe('chapter 05 with PostgreSQL: another local user and the store', () => {
  let lab: Lab;
  let postgres: ServiceEndpoint;

  beforeAll(async () => {
    lab = await startLab(externalStorageLab('postgres'), { servers: 1 });
    postgres = lab.services!.endpoints!()[0];
  });
  afterAll(async () => {
    await lab?.stop();
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
