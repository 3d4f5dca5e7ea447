import { checkPercent, renderHostRules } from './link-rules';
import {
  NetworkInputError,
  checkHostName,
  launcherLinkName,
  namespaceName,
  switchHost,
} from './names';
import { forgetNetns, recordNetns } from '../runtime/run-record';
import { onProcessExit } from '../runtime/process-exit';
import { runCommand, runCommandAsync, tryCommand } from './shell';
import type { RelayDelay } from './delay-relay';
import {
  DelayAgent,
  checkDelay,
  listeningPorts,
  type AgentRoute,
  type DelayRoute,
} from './link-delays';
import { requireNetworkCapability } from './capability';

/** One host of the lab's network: a network namespace with one address. */
export interface NetworkHost {
  name: string;
  /** Undefined for the launcher's host, which is the launcher's own namespace. */
  namespace: string | undefined;
  address: string;
}

export interface HostSpec {
  name: string;
  /** The last number of its address (10.213.N.<octet>); the next free one when absent. */
  octet?: number;
}

export interface LinkState {
  between: [string, string];
  cut: boolean;
  lossPercent: number;
  /** Added to each round trip between the two hosts (by the delay relay), and its jitter. */
  delayMs: number;
  jitterMs: number;
}

/** The launcher's own host: the balancer runs there, and it reaches every other host. */
export const launcherHost = 'balancer';

const subnetPrefix = '10.213';
const live = new Set<HostNetwork>();
onProcessExit(() => {
  for (const network of live) network.destroy();
});

const pairKey = (a: string, b: string) => [a, b].sort().join('|');

// #region host-network
/**
 * A lab's own small network: one namespace per host, each plugged by a veth pair into a
 * bridge (in a namespace of its own, the switch), and the launcher's namespace plugged in
 * too, so the balancer (in the launcher) reaches every host. Links between hosts are cut or
 * made lossy with nftables rules inside the hosts: the launcher's namespace is never touched
 * except for its one link into the switch.
 */
export class HostNetwork {
  private readonly hostsByName = new Map<string, NetworkHost>();
  private readonly cuts = new Set<string>();
  private readonly losses = new Map<string, number>();
  private readonly delays = new Map<string, RelayDelay>();
  /** Per host: its delay agent, the routes it was last given, and the redirects they make. */
  private readonly agents = new Map<string, DelayAgent>();
  private readonly routesSent = new Map<string, DelayRoute[]>();
  private readonly redirects = new Map<string, AgentRoute[]>();
  private destroyed = false;
  /** Rule changes run one after another, each from the state at its turn: never a stale one last. */
  private applying: Promise<void> = Promise.resolve();

  private constructor(
    readonly subnet: string,
    private readonly launcherPid: number,
  ) {}

  /** Makes the namespaces, the switch and the links; throws (and removes what it made) on failure. */
  static create(hosts: readonly HostSpec[], launcherPid = process.pid): HostNetwork {
    requireNetworkCapability();
    if (live.size > 0)
      throw new Error('one lab network per process at a time: stop the running lab first');
    const network = new HostNetwork(
      `${subnetPrefix}.${freeSubnetNumber(launcherPid)}`,
      launcherPid,
    );
    live.add(network);
    try {
      network.build(hosts);
    } catch (error) {
      network.destroy();
      throw error;
    }
    return network;
  }

  private build(hosts: readonly HostSpec[]): void {
    const sw = namespaceName(this.launcherPid, switchHost);
    runCommand('ip', ['netns', 'add', sw]);
    // Recorded, so that if this launcher is killed outright the next start removes it.
    recordNetns(sw);
    runCommand('ip', ['-n', sw, 'link', 'add', 'name', 'br0', 'type', 'bridge']);
    runCommand('ip', ['-n', sw, 'link', 'set', 'br0', 'up']);

    // The launcher's end: the only change made to the launcher's namespace.
    const uplink = launcherLinkName(this.launcherPid);
    runCommand('ip', [
      'link',
      'add',
      uplink,
      'type',
      'veth',
      'peer',
      'name',
      launcherHost,
      'netns',
      sw,
    ]);
    this.plug(sw, launcherHost);
    runCommand('ip', ['addr', 'add', `${this.subnet}.1/24`, 'dev', uplink]);
    runCommand('ip', ['link', 'set', uplink, 'up']);
    this.hostsByName.set(launcherHost, {
      name: launcherHost,
      namespace: undefined,
      address: `${this.subnet}.1`,
    });

    for (const spec of hosts) this.addHost(spec);
  }

  /** One more host plugged into the switch: a server added later, a store. */
  addHost(spec: HostSpec): NetworkHost {
    const name = checkHostName(spec.name);
    if (this.hostsByName.has(name) || name === switchHost)
      throw new Error(`host name "${name}" is used twice or reserved`);
    const taken = new Set([...this.hostsByName.values()].map((host) => host.address));
    let octet = spec.octet ?? 11;
    if (spec.octet === undefined) while (taken.has(`${this.subnet}.${octet}`)) octet++;
    if (octet < 2 || octet > 254)
      throw new Error(`host ${name}: address octet ${octet} out of 2-254`);
    const address = `${this.subnet}.${octet}`;
    if (taken.has(address)) throw new Error(`host ${name}: address ${address} is taken`);
    const sw = namespaceName(this.launcherPid, switchHost);
    const namespace = namespaceName(this.launcherPid, name);
    runCommand('ip', ['netns', 'add', namespace]);
    recordNetns(namespace);
    const host = { name, namespace, address };
    this.hostsByName.set(name, host);
    // prettier-ignore
    runCommand('ip', ['-n', namespace, 'link', 'add', 'name', 'eth0', 'type', 'veth', 'peer', 'name', name, 'netns', sw]);
    this.plug(sw, name);
    runCommand('ip', ['-n', namespace, 'addr', 'add', `${address}/24`, 'dev', 'eth0']);
    runCommand('ip', ['-n', namespace, 'link', 'set', 'eth0', 'up']);
    runCommand('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
    runCommand('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], this.rulesOf(name));
    return host;
  }

  private plug(sw: string, port: string): void {
    runCommand('ip', ['-n', sw, 'link', 'set', 'dev', port, 'master', 'br0']);
    runCommand('ip', ['-n', sw, 'link', 'set', 'dev', port, 'up']);
  }
  // #endregion host-network

  host(name: string): NetworkHost {
    const host = this.hostsByName.get(name);
    if (!host)
      throw new NetworkInputError(
        `no host "${name}" in this network (hosts: ${[...this.hostsByName.keys()].join(', ')})`,
      );
    return host;
  }

  hosts(): NetworkHost[] {
    return [...this.hostsByName.values()];
  }

  /** The command that runs `command args` inside a host (unchanged for the launcher's host). */
  commandIn(
    hostName: string,
    command: string,
    args: readonly string[],
  ): { command: string; args: string[] } {
    const { namespace } = this.host(hostName);
    if (!namespace) return { command, args: [...args] };
    return { command: 'ip', args: ['netns', 'exec', namespace, command, ...args] };
  }

  // #region partitions
  /** Nothing passes between a and b any more, in either direction, until heal. */
  async cut(a: string, b: string): Promise<void> {
    this.pairOf(a, b);
    this.cuts.add(pairKey(a, b));
    await this.applyRules(a, b);
  }

  async heal(a: string, b: string): Promise<void> {
    this.pairOf(a, b);
    this.cuts.delete(pairKey(a, b));
    await this.applyRules(a, b);
  }

  /**
   * A partition: every host of `group` loses every host outside it, except the launcher's
   * host (the balancer keeps reaching everyone). isolate(['s1']) is {s1} | {s2, s3, ...}.
   */
  async isolate(group: readonly string[]): Promise<void> {
    for (const name of group) this.host(name);
    for (const inside of group)
      for (const outside of this.hosts())
        if (outside.name !== launcherHost && !group.includes(outside.name))
          this.cuts.add(pairKey(inside, outside.name));
    await this.applyRules(...this.hostsByName.keys());
  }

  /** Heals every cut and removes every loss and every delay. */
  async healAll(): Promise<void> {
    this.cuts.clear();
    this.losses.clear();
    const delayed = [...this.delays.keys()].flatMap((key) => key.split('|'));
    this.delays.clear();
    for (const name of new Set(delayed)) await this.updateDelayRoutes(name);
    await this.applyRules(...this.hostsByName.keys());
  }

  /** Drops this share of the packets between a and b, each way. */
  async setLoss(a: string, b: string, percent: number): Promise<void> {
    this.pairOf(a, b);
    this.losses.set(pairKey(a, b), checkPercent(percent));
    await this.applyRules(a, b);
  }
  // #endregion partitions

  // #region link-delay
  /**
   * Adds `ms` (± jitterMs) to every round trip between a and b; 0 removes it. netem is
   * missing from this kernel, so each side that is a namespace gets a delay agent: new TCP
   * connections from the peer to any port the host listens on are redirected (nftables NAT)
   * to a DelayRelay there, which holds each request for the delay. Connections already open
   * between a and b are reset, so that they reopen through the relay.
   */
  async setDelay(a: string, b: string, ms: number, jitterMs = 0): Promise<void> {
    this.pairOf(a, b);
    const delay = checkDelay(ms, jitterMs);
    if (delay.addedRttMs === 0 && delay.jitterMs === 0) this.delays.delete(pairKey(a, b));
    else this.delays.set(pairKey(a, b), delay);
    for (const name of [a, b]) await this.updateDelayRoutes(name);
    await this.applyRules(a, b);
    for (const [side, peer] of [
      [a, b],
      [b, a],
    ]) {
      const { namespace } = this.host(side);
      if (namespace)
        await runCommandAsync('ip', [
          'netns',
          'exec',
          namespace,
          'ss',
          '-K',
          'dst',
          this.host(peer).address,
        ]).catch(() => undefined); // nothing open, or a socket that cannot be killed: not a failure
    }
  }
  // #endregion link-delay

  /** The relays on a link (one per port of a host the other side can reach), with what they counted. */
  async delayRoutes(a: string, b: string): Promise<Array<AgentRoute & { host: string }>> {
    this.pairOf(a, b);
    const routes: Array<AgentRoute & { host: string }> = [];
    for (const [host, peer] of [
      [a, b],
      [b, a],
    ]) {
      const agent = this.agents.get(host);
      if (!agent) continue;
      const current = await agent.send(this.routesSent.get(host) ?? []);
      const peerAddress = this.host(peer).address;
      routes.push(
        ...current
          .filter((route) => route.peer === peerAddress)
          .map((route) => ({ ...route, host })),
      );
    }
    return routes;
  }

  /** Gives a host's agent the routes its delayed links need now (starting the agent if needed). */
  private async updateDelayRoutes(name: string): Promise<void> {
    const { namespace, address } = this.host(name);
    if (!namespace || this.destroyed) return;
    const peers = this.hosts().filter(
      (peer) => peer.name !== name && this.delays.has(pairKey(name, peer.name)),
    );
    let agent = this.agents.get(name);
    if (!agent && peers.length === 0) return;
    if (!agent) {
      agent = DelayAgent.start(name, namespace, address);
      this.agents.set(name, agent);
    }
    const relayPorts = new Set((this.redirects.get(name) ?? []).map((route) => route.relayPort));
    const ports =
      peers.length === 0
        ? []
        : (await listeningPorts(namespace)).filter((port) => !relayPorts.has(port));
    const routes: DelayRoute[] = peers.flatMap((peer) =>
      ports.map((port) => ({
        peer: peer.address,
        port,
        delay: this.delays.get(pairKey(name, peer.name))!,
      })),
    );
    this.routesSent.set(name, routes);
    this.redirects.set(name, await agent.send(routes));
  }

  /** Every pair of hosts, with its state: what the dashboard draws. */
  links(): LinkState[] {
    const names = [...this.hostsByName.keys()];
    const links: LinkState[] = [];
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++) {
        const key = pairKey(names[i], names[j]);
        links.push({
          between: [names[i], names[j]],
          cut: this.cuts.has(key),
          lossPercent: this.losses.get(key) ?? 0,
          delayMs: this.delays.get(key)?.addedRttMs ?? 0,
          jitterMs: this.delays.get(key)?.jitterMs ?? 0,
        });
      }
    return links;
  }

  describe(): { subnet: string; hosts: NetworkHost[]; links: LinkState[] } {
    return { subnet: `${this.subnet}.0/24`, hosts: this.hosts(), links: this.links() };
  }

  /** Removes every namespace (with its links) and the launcher's link. Safe to call twice. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    live.delete(this);
    for (const agent of this.agents.values()) agent.kill();
    const namespaces = [
      ...[...this.hostsByName.values()].flatMap((host) => (host.namespace ? [host.namespace] : [])),
      namespaceName(this.launcherPid, switchHost),
    ];
    for (const namespace of namespaces) {
      tryCommand('ip', ['netns', 'del', namespace]);
      forgetNetns(namespace);
    }
    // Deleting the switch's namespace removes the veth pair; this is for a half-built network.
    tryCommand('ip', ['link', 'del', launcherLinkName(this.launcherPid)]);
  }

  private pairOf(a: string, b: string): void {
    this.host(a);
    this.host(b);
    if (a === b) throw new NetworkInputError(`a link joins two different hosts, got ${a} twice`);
  }

  /**
   * Rewrites the firewall of these hosts from the current cuts and losses, all hosts at
   * once, without blocking the program (see runCommandAsync).
   */
  private applyRules(...names: string[]): Promise<void> {
    const turn = this.applying.then(() =>
      Promise.all(
        names.flatMap((name) => {
          const { namespace } = this.host(name);
          if (!namespace || this.destroyed) return [];
          return [
            runCommandAsync(
              'ip',
              ['netns', 'exec', namespace, 'nft', '-f', '-'],
              this.rulesOf(name),
            ),
          ];
        }),
      ).then(() => undefined),
    );
    // A failed change must not stop the ones after it.
    this.applying = turn.catch(() => undefined);
    return turn;
  }

  /** One host's ruleset from the current cuts and losses. */
  private rulesOf(name: string): string {
    const cut: string[] = [];
    const loss = new Map<string, number>();
    for (const peer of this.hostsByName.values()) {
      if (peer.name === name) continue;
      const key = pairKey(name, peer.name);
      if (this.cuts.has(key)) cut.push(peer.address);
      // Loss is applied on one side only (the launcher's never), or it would count twice.
      const percent = this.losses.get(key);
      if (percent && (peer.name === launcherHost || (peer.namespace && name < peer.name)))
        loss.set(peer.address, percent);
    }
    const redirect = (this.redirects.get(name) ?? []).map((route) => ({
      from: route.peer,
      port: route.port,
      toPort: route.relayPort,
    }));
    return renderHostRules({ cut, loss, redirect });
  }
}

/** A 10.213.N.0/24 that no interface of the launcher's namespace uses yet. */
function freeSubnetNumber(launcherPid: number): number {
  const used =
    runCommand('ip', ['-4', '-o', 'addr', 'show']) + runCommand('ip', ['-4', 'route', 'show']);
  for (let i = 0; i < 250; i++) {
    const candidate = ((launcherPid + i) % 250) + 1;
    if (!used.includes(`${subnetPrefix}.${candidate}.`)) return candidate;
  }
  throw new Error(`no free ${subnetPrefix}.N.0/24 subnet left on this machine`);
}
