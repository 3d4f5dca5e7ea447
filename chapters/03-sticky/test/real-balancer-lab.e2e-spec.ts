import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  busyMachineSlackMs,
  Haproxy,
  type Lab,
  LabClient,
  runningProcesses,
  startLab,
  useLab,
  waitFor,
} from '@sessions/harness';
import { measureFailoverLoss } from '../lab/experiments/failover-loss';
import { labFor } from '../lab/lab';

/** HAProxy's health checks in this test (the configs' CHECK_INTER); fall 3 takes a server out. */
const checkInterMs = 300;
/** How often the lab reads HAProxy's stats socket for the dashboard. */
const statsEveryMs = 1000;

interface ServerView {
  id: string;
  health: string;
  requests?: number;
  source: string;
}
interface LabStateView {
  strategy: string;
  appUrl: string;
  servers: ServerView[];
  controls: string[];
}

interface Me {
  server: string;
  userid: string | null;
}

const readState = async (lab: Lab): Promise<LabStateView> =>
  (await (await fetch(`${lab.balancer!.url}/__lb/state`)).json()) as LabStateView;

describe('chapter 03 behind HAProxy (npm start -- 03 --balancer haproxy, insert mode)', () => {
  const token = randomBytes(16).toString('hex');
  let lab: Lab;
  let haproxy: Haproxy;
  let stopped = false;

  beforeAll(async () => {
    lab = await startLab(labFor('insert'), {
      controlToken: token,
      realBalancer: { kind: 'haproxy', checkInter: `${checkInterMs}ms` },
    });
    haproxy = lab.realBalancer as Haproxy;
  });
  afterAll(async () => {
    if (!stopped) await lab?.stop();
  });

  it("serves each user's requests from one server, sticky by HAProxy's own SERVERID cookie", async () => {
    expect(lab.url).toBe(haproxy.url);
    const user = new LabClient(lab.url);
    const login = await user.post('/login', { userid: 'behind-haproxy' });

    expect(await user.cookie('SERVERID')).toMatch(/^(a7f3|5c1e|e90b)$/);
    for (let i = 0; i < 5; i++) {
      const me = await user.get<Me>('/me');
      expect({ servedBy: me.servedBy, userid: me.body.userid }).toEqual({
        servedBy: login.servedBy,
        userid: 'behind-haproxy',
      });
    }
  });

  it("reports HAProxy's own view of each server on the dashboard's state, read from its stats socket", async () => {
    const user = new LabClient(lab.url);
    const login = await user.post('/login', { userid: 'counted' });
    const before = (await haproxy.serverStats()).find((server) => server.id === login.servedBy);
    for (let i = 0; i < 4; i++) await user.get('/me');

    // The state is HAProxy's answer of at most one reading ago: wait for the four requests
    // (and for a first health check of each server, HAProxy's L7OK).
    await waitFor(
      async () => {
        const { servers } = await readState(lab);
        const holder = servers.find((server) => server.id === login.servedBy);
        return (
          (holder?.requests ?? 0) >= (before?.requests ?? 0) + 4 &&
          servers.every((server) => server.source === 'HAProxy: UP (L7OK)')
        );
      },
      "the dashboard's state to count the requests HAProxy sent",
      checkInterMs + statsEveryMs + busyMachineSlackMs,
    );
    const state = await readState(lab);
    expect(state.strategy).toBe('HAProxy: haproxy-insert.cfg');
    expect(state.appUrl).toBe(haproxy.url);
    expect(state.servers.map((server) => [server.id, server.health, server.source])).toEqual([
      ['1', 'up', 'HAProxy: UP (L7OK)'],
      ['2', 'up', 'HAProxy: UP (L7OK)'],
      ['3', 'up', 'HAProxy: UP (L7OK)'],
    ]);
    // A real balancer's config names its servers: no control to add one.
    expect(state.controls).not.toContain('add-server');
    expect(state.controls).toContain('kill');
  });

  it('leaves the app to HAProxy: the dashboard port answers a 404 that says where the app is', async () => {
    const response = await fetch(`${lab.balancer!.url}/me`);
    const body = (await response.json()) as { message: string };
    expect(response.status).toBe(404);
    expect(body.message).toContain(`the app is at ${haproxy.url}`);
  });

  it('when the sticky server dies, exactly its users get a fresh session on another server, as behind the course balancer', async () => {
    const result = await measureFailoverLoss(lab, {
      users: 9,
      victim: '2',
      moment: 'right-after-crash',
      seed: 5,
    });

    expect(result.keptBeforeCrash).toBe(9);
    expect(result.pinnedToVictim).toBeGreaterThan(0);
    expect(result.lostExactlyThePinned).toBe(true);
    // HAProxy's `retries 1` + `option redispatch`: the refused request went to another server.
    expect(result.servedAfter['2']).toBeUndefined();
    expect(result.servedAfter.none).toBeUndefined();

    // fall 3 checks at CHECK_INTER, then one reading of the stats socket.
    await waitFor(
      async () =>
        (await readState(lab)).servers.find((server) => server.id === '2')?.health === 'down',
      "HAProxy's health checks to mark server 2 DOWN on the dashboard",
      3 * checkInterMs + statsEveryMs + busyMachineSlackMs,
    );
    const server2 = (await readState(lab)).servers.find((server) => server.id === '2');
    expect(server2?.source).toMatch(/^HAProxy: DOWN/);
    expect((await haproxy.serverStats()).find((server) => server.id === '2')?.status).toBe('DOWN');
  });

  it('stops HAProxy, the servers and the dashboard, and removes the stats socket folder', async () => {
    const pids = [haproxy.pid, ...lab.servers.map((server) => server.pid)].filter(
      (pid): pid is number => pid !== undefined,
    );
    const socketFolder = path.dirname(haproxy.statsSocket);
    expect(existsSync(socketFolder)).toBe(true);

    await lab.stop();
    stopped = true;

    const stillRunning = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(stillRunning).toEqual([]);
    expect(runningProcesses()).toEqual([]);
    expect(existsSync(socketFolder)).toBe(false);
  });
});

describe('chapter 03 behind nginx (npm start -- 03 --balancer nginx, app mode)', () => {
  const lab = useLab(labFor('app'), { realBalancer: { kind: 'nginx' } });

  it("serves each user's requests from one server, sticky by the application's server cookie", async () => {
    expect(lab.url).toBe(lab.realBalancer?.url);
    const user = new LabClient(lab.url);
    const login = await user.post('/login', { userid: 'behind-nginx' });

    expect(await user.cookie('server')).toBe(login.servedBy);
    for (let i = 0; i < 5; i++) expect((await user.get<Me>('/me')).servedBy).toBe(login.servedBy);
  });

  it('shows what the servers report, since open-source nginx reports nothing of its upstreams', async () => {
    const state = await readState(lab);
    expect(state.strategy).toBe('nginx: nginx-app-cookie.conf.template');
    for (const server of state.servers) {
      expect(server.requests).toBeUndefined();
      expect(server.source).toContain('nginx reports no upstream state');
    }
  });
});

describe('a real balancer a chapter cannot run', () => {
  it('refuses nginx for the insert mode before starting anything: nginx 1.22 cannot insert a cookie', async () => {
    await expect(startLab(labFor('insert'), { realBalancer: { kind: 'nginx' } })).rejects.toThrow(
      'cannot insert a cookie of its own',
    );
    expect(runningProcesses()).toEqual([]);
  });
});
