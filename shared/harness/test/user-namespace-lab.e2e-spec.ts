import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultHealthCheck } from '@sessions/load-balancer';
import {
  busyMachineSlackMs,
  endWith,
  labNetworkAccess,
  launchLab,
  type LaunchedLab,
  networkCapability,
  repoRoot,
  serverReadyTimeoutMs,
  testGate,
  waitFor,
} from '../src';

/**
 * `npm start -- 04 --network hosts` as an ordinary user: the real launcher, started as a uid
 * no account or process uses, runs its lab in a user namespace and relays LB_PORT out.
 */
const chapter04 = path.join(repoRoot(), 'chapters/04-clustering');
const startTimeoutMs = serverReadyTimeoutMs + busyMachineSlackMs;
const stopTimeoutMs = 20_000;
const testTimeoutMs = 2 * (startTimeoutMs + stopTimeoutMs);
// The balancer marks a server down after `fall` failed checks, each up to interval + timeout.
const markedDownMs =
  defaultHealthCheck.fall * (defaultHealthCheck.intervalMs + defaultHealthCheck.timeoutMs) +
  busyMachineSlackMs;

/** A uid with no account and no process: nothing of its own exists before the test. */
function unusedUid(): number {
  const accounts = new Set(
    readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((line) => Number(line.split(':')[2])),
  );
  for (let uid = 62_000; uid < 63_000; uid++)
    if (!accounts.has(uid) && processesOf(uid).length === 0) return uid;
  throw new Error('no unused uid between 62000 and 62999');
}

function processesOf(uid: number): string[] {
  const found = spawnSync('ps', ['-u', String(uid), '-o', 'pid=,args='], { encoding: 'utf8' });
  return found.stdout.split('\n').filter((line) => line.trim() !== '');
}

const asUser = (uid: number) => ['setpriv', `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups'];

/** `program` as `uid`, inside a user namespace of its own, as the launcher runs its lab. */
function inUserNamespaceAs(uid: number, ...program: string[]) {
  const [command, ...args] = asUser(uid);
  return spawnSync(command, [
    ...args,
    'unshare',
    '--user',
    '--map-root-user',
    '--net',
    '--mount',
    ...program,
  ]);
}

function missingCapability(uid: number): string | undefined {
  const network = networkCapability();
  if (!network.available) return network.missing;
  if (process.getuid?.() !== 0) return 'root, to start the launcher as an unused uid';
  const tried = inUserNamespaceAs(uid, 'true');
  if (tried.status !== 0)
    return `user namespaces for an ordinary user (unshare as uid ${uid} failed: ${String(tried.stderr).trim()})`;
  // A Node.js installed in a folder only its owner may enter (root's home, a private temp
  // folder) cannot run as another uid in its user namespace: the lab could not start at all.
  const node = inUserNamespaceAs(uid, process.execPath, '-e', '0');
  if (node.status !== 0)
    return `a Node.js that uid ${uid} may run (${process.execPath}: ${String(node.stderr).trim() || node.error?.message})`;
  return undefined;
}

const uid = unusedUid();
const gate = testGate(
  missingCapability(uid),
  'the tests of the network lab without root',
  'SESSIONS_REQUIRE_USER_NAMESPACES',
);

interface Launched extends LaunchedLab {
  port: number;
  home: string;
}

async function launch(): Promise<Launched> {
  // The uid cannot write the repository: the launcher runs against the built dist/, with a
  // home and temp folder of its own.
  const home = mkdtempSync(path.join(os.tmpdir(), 'sessions-userns-'));
  chownSync(home, uid, uid);
  const lab = await launchLab(['04', '--network', 'hosts'], {
    startTimeoutMs,
    stopTimeoutMs,
    env: { HOME: home, TMPDIR: home },
    asUid: uid,
  }).catch((error: unknown) => {
    rmSync(home, { recursive: true, force: true });
    throw error;
  });
  return { ...lab, port: Number(new URL(lab.url).port), home };
}

/** What the uid still has after the lab ended: processes, relay sockets, run records, temp folders. */
function leftBehind(lab: Launched): string[] {
  const files = readdirSync(lab.home, { recursive: true, encoding: 'utf8' });
  return [
    ...processesOf(uid).map((line) => `process ${line.trim()}`),
    ...files.filter((file) => file.endsWith('.sock')).map((file) => `socket ${file}`),
    ...files.filter((file) => /runs\/.+/.test(file)).map((file) => `run record ${file}`),
    // The lab's own temp folders; sessions-at-scale-<uid>/runs is where records live.
    ...files
      .filter((file) => /^sessions-(?!at-scale-)[^/]+$/.test(file))
      .map((file) => `temp folder ${file}`),
  ];
}

async function expectNothingLeftBehind(lab: Launched): Promise<void> {
  await waitFor(
    () => leftBehind(lab).length === 0,
    'everything the lab started to be gone',
    stopTimeoutMs,
    100,
  ).catch(() => undefined);
  expect(leftBehind(lab)).toEqual([]);
}

const netNamespaceOf = (pid: number) => readlinkSync(`/proc/${pid}/ns/net`);

interface LabState {
  servers: Array<{ id: string; address: string; health: string }>;
  network: { links: Array<{ between: [string, string]; cut: boolean }> };
}

async function stateOf(lab: Launched): Promise<LabState> {
  const response = await fetch(`http://127.0.0.1:${lab.port}/__lb/state`);
  return (await response.json()) as LabState;
}

gate.describe('the network lab as an ordinary user (user namespaces, no root)', () => {
  let lab: Launched | undefined;
  beforeAll(() => {
    const built = spawnSync('ls', [path.join(chapter04, 'dist/lab/lab.js')]);
    if (built.status !== 0)
      throw new Error('chapter 04 is not built: run `npx turbo run build` before this test');
  });
  afterEach(async () => {
    if (lab && lab.child.exitCode === null) lab.child.kill('SIGKILL');
    if (lab) {
      await waitFor(() => processesOf(uid).length === 0, 'the lab to end', stopTimeoutMs, 100);
      rmSync(lab.home, { recursive: true, force: true });
    }
    lab = undefined;
  });

  // Each probe makes and removes namespaces: slow on a busy machine.
  it(
    'as root the network is made in place; as an ordinary user, through a user namespace',
    () => {
      expect(labNetworkAccess()).toEqual({ kind: 'namespaces' });
      const [command, ...args] = asUser(uid);
      const script = `const h = require('@sessions/harness'); console.log(JSON.stringify({ access: h.labNetworkAccess(), here: h.networkCapability() }))`;
      const asked = spawnSync(command, [...args, process.execPath, '-e', script], {
        cwd: repoRoot(),
        encoding: 'utf8',
      });
      const { access, here } = JSON.parse(asked.stdout) as {
        access: { kind: string };
        here: { available: boolean; missing?: string };
      };
      expect(access).toEqual({ kind: 'user-namespace' });
      // A lab started inside such a process (a test, an experiment) cannot make it: it says so.
      expect(here.available).toBe(false);
      expect(here.missing).toContain('npm start -- NN --network hosts');
    },
    startTimeoutMs,
  );

  it(
    'serves chapter 04 at 127.0.0.1:LB_PORT from servers in namespaces of their own, cuts a link, and Ctrl-C leaves nothing',
    async () => {
      lab = await launch();
      const url = `http://127.0.0.1:${lab.port}`;
      expect(lab.output()).toContain('This lab runs in a user namespace');

      // Logged in and recognised again through the relay, the balancer and two servers.
      const login = await fetch(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userid: 'a' }),
      });
      expect(login.ok).toBe(true);
      const cookie = login.headers.get('set-cookie')!.split(';')[0];
      const me = (await (await fetch(`${url}/me`, { headers: { cookie } })).json()) as {
        userid?: string;
      };
      expect(me.userid).toBe('a');

      const state = await stateOf(lab);
      for (const server of state.servers)
        expect(new URL(server.address).hostname).toMatch(/^10\.213\.\d+\.\d+$/);

      // Each server in a network namespace of its own, none of them the launcher's, which is
      // this machine's (it is the half the learner's browser talks to).
      const serverPids = [...lab.output().matchAll(/^\s+\d+\s+http:\S+\s+\(pid (\d+)\)/gm)].map(
        (match) => Number(match[1]),
      );
      expect(serverPids).toHaveLength(state.servers.length);
      const namespaces = serverPids.map(netNamespaceOf);
      expect(new Set(namespaces).size).toBe(serverPids.length);
      expect(netNamespaceOf(lab.child.pid!)).toBe(netNamespaceOf(process.pid));
      expect(namespaces).not.toContain(netNamespaceOf(lab.child.pid!));

      // The dashboard's control cuts the balancer off server 1: its health checks fail.
      const token = /Control token\s+(\S+)/.exec(lab.output())![1];
      const cut = await fetch(`${url}/__lb/control/cut-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-lab-token': token },
        body: JSON.stringify({ a: 'balancer', b: 's1' }),
      });
      expect(cut.status).toBe(200);
      await waitFor(
        async () =>
          (await stateOf(lab!)).servers.find((server) => server.id === '1')?.health === 'down',
        'the balancer to mark server 1 down behind the cut link',
        markedDownMs,
        200,
      );

      await endWith(lab.child, 'SIGINT', 'the launcher', stopTimeoutMs);
      await expectNothingLeftBehind(lab);
    },
    testTimeoutMs,
  );

  it(
    'after kill -9 of the launcher, the lab in its namespace stops by itself and leaves nothing',
    async () => {
      lab = await launch();
      lab.child.kill('SIGKILL');
      await expectNothingLeftBehind(lab);
    },
    testTimeoutMs,
  );
});
