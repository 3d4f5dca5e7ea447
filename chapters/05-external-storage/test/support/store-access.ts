import { spawnSync } from 'node:child_process';
import {
  connectLines,
  formerConstantSecrets,
  LabClient,
  labSessionSecret,
  signedSessionCookie,
  runPrivateFolder,
  type Lab,
  type ServiceEndpoint,
} from '@sessions/harness';

/**
 * Another account on the same machine. As root the attempt runs with a uid no account uses
 * (never a created account); otherwise it runs as this user without the password, which the
 * stores refuse just the same.
 */
export const otherUid = process.getuid?.() === 0 ? 64123 : undefined;

export function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  asOther = true,
) {
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

export const redisCli = (endpoint: ServiceEndpoint, env: Record<string, string> = {}) =>
  run(
    'redis-cli',
    ['--no-auth-warning', '-h', endpoint.host, '-p', String(endpoint.port), 'PING'],
    env,
  );

export const psql = (endpoint: ServiceEndpoint, user: string, sql: string, password?: string) =>
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

export async function everythingVisible(lab: Lab): Promise<string> {
  const state = await (await fetch(`${lab.url}/__lb/state`)).text();
  const logs = lab.servers.map((server) => server.recentOutput()).join('\n');
  return `${state}\n${logs}`;
}

/**
 * The checks every Redis-backed lab passes against another local user: the password on every
 * Redis and Sentinel, the launcher's connect lines, the session secret, and what is visible.
 */
export function redisAccessTests(lab: Lab) {
  const endpoints = () => lab.services!.endpoints!();

  it('every Redis and Sentinel refuses a client without the lab’s password, and answers one with it', () => {
    expect(endpoints().length).toBeGreaterThan(0);
    for (const endpoint of endpoints()) {
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
    const { services, connect } = connectLines(endpoints(), runPrivateFolder());
    const printed = [...services, ...connect].join('\n');
    for (const endpoint of endpoints()) expect(printed).not.toContain(endpoint.password);
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
    for (const endpoint of endpoints()) expect(visible).not.toContain(endpoint.password);
  });
}
