import {
  startBalancer,
  type Balancer,
  type BalancerOptions,
  type ControlHandler,
} from '@sessions/load-balancer';
import { HostNetwork } from '../network/host-network';
import { ChapterServer, type Placement } from '../process/chapter-server';
import { waitFor } from '../process/wait';
import type { RealBalancer } from '../balancers/real-balancer';
import type { LabDefinition, LabServices, ServerAddress } from './lab-definition';
import {
  realBalancerConfig,
  realBalancerState,
  startRealBalancer,
  type RealBalancerChoice,
} from './real-balancer-front';
import { networkControls } from './network-controls';
import { UserSimulation } from './simulated-users';

export interface StartLabOptions {
  /** Balancer port; 0 (a free one) unless given. */
  port?: number;
  /** Overrides for the balancer: faster health checks in tests, for example. */
  balancer?: Partial<BalancerOptions>;
  /** Control token for /__lb/control/*; the launcher makes a random one. */
  controlToken?: string;
  /** Extra environment for every server. */
  env?: Record<string, string>;
  /** Override the chapter's server count. */
  servers?: number;
  /**
   * loopback (default): every process on 127.0.0.1. hosts: each server and store on a network
   * host of its own (a namespace with its own address), links that can be cut; needs root.
   */
  network?: 'loopback' | 'hosts';
  /** How long each server may take to answer /health when it starts (15 s unless given). */
  serverReadyTimeoutMs?: number;
  /**
   * HAProxy or nginx on the chapter's shipped config at `port` instead of the course's
   * balancer; the course's balancer then serves only the dashboard and controls, at
   * `dashboardPort`.
   */
  realBalancer?: RealBalancerChoice;
  /** The dashboard's port when a real balancer takes `port`; 0 (a free one) unless given. */
  dashboardPort?: number;
}

export interface Lab {
  readonly definition: LabDefinition;
  readonly servers: ChapterServer[];
  /**
   * The course's balancer; undefined for a chapter without one. With a real balancer in
   * front it serves the dashboard, state and controls only.
   */
  readonly balancer: Balancer | undefined;
  /** HAProxy or nginx, when the lab runs one in front of the servers. */
  readonly realBalancer: RealBalancer | undefined;
  /** Where a learner or a client goes: the real balancer, the course's, or the single server. */
  readonly url: string;
  readonly services: LabServices | undefined;
  /** The lab's network of hosts, in hosts mode. */
  readonly network: HostNetwork | undefined;
  server(id: string): ChapterServer;
  /** Scale out: start one more server and add it to the balancer's pool. */
  addServer(): Promise<ChapterServer>;
  stop(): Promise<void>;
}

/** Starts a chapter as it is meant to be seen: services, servers, and the balancer in front. */
export async function startLab(
  definition: LabDefinition,
  options: StartLabOptions = {},
): Promise<Lab> {
  const servers: ChapterServer[] = [];
  let services: LabServices | undefined;
  let balancer: Balancer | undefined;
  const network =
    (options.network ?? definition.network) === 'hosts' ? HostNetwork.create([]) : undefined;
  // In hosts mode server N lives on host sN, at address .(10 + N) of the lab's subnet.
  const placementOf = (id: string): Placement | undefined =>
    network && {
      network,
      host: network.addHost({ name: `s${id}`, octet: 10 + Number(id) }).name,
    };
  let realBalancer: RealBalancer | undefined;
  const appUrl = () => realBalancer?.url ?? balancer?.url ?? servers[0].url;
  const simulation = new UserSimulation(appUrl);
  const stop = async () => {
    await simulation.stop();
    await realBalancer?.stop();
    await balancer?.close();
    await Promise.all(servers.map((server) => server.stop()));
    await services?.stop();
    network?.destroy();
  };
  try {
    // A learner's mistake (no such config) is refused before anything starts.
    if (options.realBalancer) realBalancerConfig(definition, options.realBalancer.kind);
    services = await definition.services?.({ network });
    const count = options.servers ?? definition.servers;
    for (let i = 1; i <= count; i++) {
      // Without a balancer the learner talks to server 1 directly, on the lab's port.
      const port =
        definition.strategy === false && i === 1 && options.port ? options.port : undefined;
      servers.push(
        await ChapterServer.create({
          chapter: definition.chapter,
          id: String(i),
          port,
          env: { ...services?.env, ...options.env },
          placement: placementOf(String(i)),
          readyTimeoutMs: options.serverReadyTimeoutMs,
        }),
      );
    }
    // Spare servers get their address now, so the first servers can be told who may join.
    const spares: ChapterServer[] = [];
    for (let i = 1; i <= (definition.spareServers ?? 0); i++)
      spares.push(
        await ChapterServer.create({
          chapter: definition.chapter,
          id: String(count + i),
          env: { ...services?.env, ...options.env },
          placement: placementOf(String(count + i)),
          readyTimeoutMs: options.serverReadyTimeoutMs,
        }),
      );
    const addresses = (): ServerAddress[] => servers.map(addressOf);
    const planned = (): ServerAddress[] => [...servers, ...spares].map(addressOf);
    const envOf = (server: ChapterServer) =>
      definition.serverEnv?.(addressOf(server), addresses(), planned()) ?? {};
    for (const server of servers) server.setEnv(envOf(server));
    await Promise.all(servers.map((server) => server.start()));

    const lab: Lab = {
      definition,
      servers,
      get balancer() {
        return balancer;
      },
      get realBalancer() {
        return realBalancer;
      },
      get url() {
        return appUrl();
      },
      services,
      network,
      server: (id) => {
        const found = servers.find((server) => server.id === id);
        if (!found)
          throw new Error(
            `no server ${id} in this lab (servers: ${servers.map((s) => s.id).join(', ')})`,
          );
        return found;
      },
      addServer: async () => {
        const server =
          spares.shift() ??
          (await ChapterServer.create({
            chapter: definition.chapter,
            id: String(Math.max(0, ...servers.map((s) => Number(s.id) || 0)) + 1),
            env: { ...services?.env, ...options.env },
            placement: placementOf(
              String(Math.max(0, ...servers.map((s) => Number(s.id) || 0)) + 1),
            ),
            readyTimeoutMs: options.serverReadyTimeoutMs,
          }));
        servers.push(server);
        server.setEnv(envOf(server));
        await server.start();
        balancer?.pool.add({ id: server.id, url: server.url });
        return server;
      },
      stop,
    };

    if (definition.strategy !== false) {
      const strategy =
        typeof definition.strategy === 'string' ? definition.strategy : definition.strategy();
      if (options.realBalancer)
        realBalancer = await startRealBalancer(
          definition,
          options.realBalancer,
          servers,
          options.port,
        );
      const front = realBalancer;
      balancer = await startBalancer({
        port: (front ? options.dashboardPort : options.port) ?? 0,
        appElsewhere: front?.url,
        strategy,
        servers: servers.map(({ id, url }) => ({ id, url })),
        control: options.controlToken
          ? {
              token: options.controlToken,
              handlers: {
                ...standardControls(lab, simulation, { canAddServers: !front }),
                ...(network ? networkControls(network) : {}),
                ...services?.controls,
                ...definition.controls?.(lab),
              },
            }
          : undefined,
        describe: () => ({
          chapter: definition.chapter,
          title: definition.title,
          tryThis: definition.tryThis,
          simulation: simulation.status(),
          ...(network ? { network: network.describe() } : {}),
          ...services?.describe?.(),
          ...(front
            ? realBalancerState(front, servers, (id) => balancer?.pool.get(id)?.health)
            : {}),
        }),
        ...options.balancer,
      });
    }
    return lab;
  } catch (error) {
    await stop();
    throw error;
  }
}

function addressOf(server: ChapterServer): ServerAddress {
  return { id: server.id, port: server.port, url: server.url };
}

/** The controls every lab has: break a server, bring it back, scale out, bring users. */
function standardControls(
  lab: Lab,
  simulation: UserSimulation,
  { canAddServers }: { canAddServers: boolean },
): Record<string, ControlHandler> {
  const target = (params: Record<string, unknown>) => lab.server(String(params.server ?? ''));
  const controls: Record<string, ControlHandler> = {
    kill: async (params) => {
      const server = target(params);
      await server.kill();
      return { server: server.id, state: 'killed (SIGKILL)' };
    },
    pause: async (params) => {
      target(params).pause();
      return { server: target(params).id, state: 'paused (SIGSTOP)' };
    },
    resume: async (params) => {
      target(params).resume();
      return { server: target(params).id, state: 'running (SIGCONT)' };
    },
    restart: async (params) => {
      const server = target(params);
      await server.restart();
      return { server: server.id, state: 'restarted on the same port' };
    },
    'add-server': async () => {
      const server = await lab.addServer();
      await waitFor(
        () => lab.balancer?.pool.get(server.id)?.health === 'up',
        `server ${server.id} to join the pool`,
      );
      return { server: server.id, address: server.url };
    },
    'simulate-users': async (params) => simulation.start(params),
  };
  // A real balancer's config names its servers: one started later would get no requests.
  if (!canAddServers) delete controls['add-server'];
  return controls;
}
