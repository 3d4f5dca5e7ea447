import { execFileSync } from 'node:child_process';
import { HostNetwork, launcherHost } from '../src/network/host-network';
import { networkTestGate } from '../src/network/test-gate';
import { serverReadyTimeoutMs } from '../src/process/chapter-server';
import { ManagedProcess } from '../src/process/managed-process';
import { waitFor } from '../src/process/wait';

const describeNetwork = networkTestGate().describe;

/** A one-line HTTP server that says which host it is on. */
const serverScript = (address: string) =>
  `require('http').createServer((q, s) => s.end(require('os').hostname() + ' ' + '${address}')).listen(3000, '${address}')`;

/** Asks url from inside a host (or the launcher): true when it answered within the bound. */
function reaches(network: HostNetwork, from: string, url: string): boolean {
  const probe = `fetch('${url}', { signal: AbortSignal.timeout(1500) }).then(() => process.exit(0), () => process.exit(1))`;
  const { command, args } = network.commandIn(from, process.execPath, ['-e', probe]);
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const namespacesOfThisProcess = () =>
  execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0])
    .filter((name) => name.startsWith(`sas-${process.pid}-`));

describeNetwork('a lab network of real hosts', () => {
  let network: HostNetwork;
  const servers: ManagedProcess[] = [];

  beforeAll(async () => {
    network = HostNetwork.create([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    for (const name of ['a', 'b', 'c']) {
      const { address } = network.host(name);
      servers.push(
        new ManagedProcess({
          ...network.commandIn(name, process.execPath, ['-e', serverScript(address)]),
          label: `http on ${name}`,
        }),
      );
    }
    for (const name of ['a', 'b', 'c'])
      await waitFor(
        () => reaches(network, launcherHost, `http://${network.host(name).address}:3000`),
        `host ${name} to answer`,
        // A node process starting on a busy machine: the bound any lab server is given.
        serverReadyTimeoutMs,
      );
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    network?.destroy();
  });

  it('runs each process in a network namespace of its own, on its own address', () => {
    const own = (pid: number) =>
      execFileSync('readlink', [`/proc/${pid}/ns/net`], { encoding: 'utf8' });
    const namespaces = new Set([own(process.pid), ...servers.map((server) => own(server.pid!))]);
    expect(namespaces.size).toBe(4);
    expect(network.hosts().map((host) => host.address)).not.toContain('127.0.0.1');
  });

  it('when the link a-b is cut, a and b lose each other while the balancer reaches both', async () => {
    const [a, b] = ['a', 'b'].map((name) => `http://${network.host(name).address}:3000`);
    expect(reaches(network, 'a', b)).toBe(true);
    await network.cut('a', 'b');
    expect(reaches(network, 'a', b)).toBe(false);
    expect(reaches(network, 'b', a)).toBe(false);
    expect(reaches(network, launcherHost, a)).toBe(true);
    expect(reaches(network, launcherHost, b)).toBe(true);
    await network.heal('a', 'b');
    expect(reaches(network, 'a', b)).toBe(true);
  });

  it('isolating {a} from {b, c} cuts a from both, keeps b-c and the balancer links', async () => {
    await network.isolate(['a']);
    const url = (name: string) => `http://${network.host(name).address}:3000`;
    expect(reaches(network, 'a', url('b'))).toBe(false);
    expect(reaches(network, 'a', url('c'))).toBe(false);
    expect(reaches(network, 'b', url('c'))).toBe(true);
    expect(reaches(network, launcherHost, url('a'))).toBe(true);
    expect(
      network
        .links()
        .filter((link) => link.cut)
        .map((link) => link.between.join('-')),
    ).toEqual(['a-b', 'a-c']);
    await network.healAll();
    expect(reaches(network, 'a', url('b'))).toBe(true);
  });

  it('a link with 100 % loss passes nothing; back to 0 % it passes again', async () => {
    const b = `http://${network.host('b').address}:3000`;
    await network.setLoss('a', 'b', 100);
    expect(reaches(network, 'a', b)).toBe(false);
    await network.setLoss('a', 'b', 0);
    expect(reaches(network, 'a', b)).toBe(true);
  });
  const rulesOf = (name: string) =>
    execFileSync('ip', ['netns', 'exec', network.host(name).namespace!, 'nft', 'list', 'ruleset'], {
      encoding: 'utf8',
    });

  it('a delayed link sends new connections from a to b through a relay on b, which counts them', async () => {
    await network.setDelay('a', 'b', 5, 1);
    expect(network.links().find((link) => link.between.join('-') === 'a-b')).toMatchObject({
      delayMs: 5,
      jitterMs: 1,
    });
    expect(rulesOf('b')).toContain(
      `ip saddr ${network.host('a').address} tcp dport 3000 redirect to :`,
    );
    expect(rulesOf('b')).not.toContain(`ip saddr ${network.host('c').address}`);
    expect(reaches(network, 'a', `http://${network.host('b').address}:3000`)).toBe(true);
    const onB = (await network.delayRoutes('a', 'b')).filter(
      (route) => route.host === 'b' && route.port === 3000,
    );
    expect(onB).toHaveLength(1);
    expect(onB[0].counters.connections).toBeGreaterThanOrEqual(1);
    expect(onB[0].counters.roundTrips).toBeGreaterThanOrEqual(1);
  });

  it('a delay of 0 takes the relay and its redirect away again', async () => {
    await network.setDelay('a', 'b', 0);
    expect(await network.delayRoutes('a', 'b')).toEqual([]);
    expect(rulesOf('b')).not.toContain('redirect');
    expect(reaches(network, 'a', `http://${network.host('b').address}:3000`)).toBe(true);
  });

  it('a delay between the balancer and a host puts the relay on that host, and heal-all removes it', async () => {
    await network.setDelay(launcherHost, 'a', 3);
    expect(reaches(network, launcherHost, `http://${network.host('a').address}:3000`)).toBe(true);
    const routes = await network.delayRoutes(launcherHost, 'a');
    expect(routes.map((route) => [route.host, route.port])).toEqual([['a', 3000]]);
    expect(routes[0].counters.connections).toBeGreaterThanOrEqual(1);
    await network.healAll();
    expect(await network.delayRoutes(launcherHost, 'a')).toEqual([]);
    expect(network.links().every((link) => link.delayMs === 0)).toBe(true);
  });
});

describeNetwork('removing a lab network', () => {
  it('leaves no namespace and no link of this process behind', () => {
    const network = HostNetwork.create([{ name: 'x' }]);
    try {
      expect(namespacesOfThisProcess()).toEqual(
        expect.arrayContaining([`sas-${process.pid}-x`, `sas-${process.pid}-switch`]),
      );
    } finally {
      network.destroy();
    }
    expect(namespacesOfThisProcess()).toEqual([]);
    expect(execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' })).not.toContain(
      `sas${process.pid}`,
    );
  });
});
