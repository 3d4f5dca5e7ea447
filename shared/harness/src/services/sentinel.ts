import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshSecret } from '../lab/lab-secrets';
import type { HostNetwork } from '../network/host-network';
import type { Placement } from '../process/chapter-server';
import { requireBinary } from '../system/system-binary';
import { freePort } from '../process/free-port';
import { ManagedProcess } from '../process/managed-process';
import { waitFor } from '../process/wait';
import { redisCommand, redisInfo } from './redis-command';
import { RedisServer, startRedis } from './redis';
import { makeTempDir, removeTempDir } from './temp-dir';

export interface RedisNodeAddress {
  host: string;
  port: number;
}

export interface StartSentinelsOptions {
  /** The primary the Sentinels watch. */
  master: { host?: string; port: number };
  /** The name clients ask Sentinel for (REDIS_MASTER_NAME). */
  masterName?: string;
  count?: number;
  /** How many Sentinels must agree the primary is down. */
  quorum?: number;
  /** Sentinel's default is 30 s; a lab wants to see the failover in a couple of seconds. */
  downAfterMs?: number;
  failoverTimeoutMs?: number;
  /** The primary's password: the Sentinels use it to watch it, and require it themselves. */
  password: string;
  /** On a lab network: one host per Sentinel, in order (loopback when absent). */
  placements?: readonly Placement[];
}

/** Sentinel's own port: each Sentinel on a host of its own can use it. */
const sentinelPort = 26379;

/** Sentinels (three by default) watching one primary, each a real `redis-server --sentinel`. */
export class SentinelGroup {
  private constructor(
    readonly masterName: string,
    readonly nodes: RedisNodeAddress[],
    private readonly processes: ManagedProcess[],
    private readonly dirs: string[],
    readonly password: string,
  ) {}

  static async start(options: StartSentinelsOptions): Promise<SentinelGroup> {
    const binary = requireBinary('redis');
    const masterName = options.masterName ?? 'course';
    const count = options.count ?? 3;
    const processes: ManagedProcess[] = [];
    const dirs: string[] = [];
    const nodes: RedisNodeAddress[] = [];
    const group = new SentinelGroup(masterName, nodes, processes, dirs, options.password);
    try {
      for (let i = 0; i < count; i++) {
        const placement = options.placements?.[i];
        if (options.placements && !placement)
          throw new Error(`${count} Sentinels need ${count} placements`);
        const host = placement ? placement.network.host(placement.host).address : '127.0.0.1';
        const port = placement ? sentinelPort : await freePort();
        const dir = makeTempDir('sentinel');
        dirs.push(dir);
        // Sentinel rewrites its own config file (it records what it learns), so each gets one.
        const config = path.join(dir, 'sentinel.conf');
        writeFileSync(
          config,
          [
            `port ${port}`,
            `bind ${host}`,
            `dir ${dir}`,
            `sentinel monitor ${masterName} ${options.master.host ?? '127.0.0.1'} ${options.master.port} ${options.quorum ?? 2}`,
            `sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 1000}`,
            `sentinel failover-timeout ${masterName} ${options.failoverTimeoutMs ?? 5000}`,
            `sentinel parallel-syncs ${masterName} 1`,
            `sentinel auth-pass ${masterName} ${options.password}`,
            // Clients and the other Sentinels must authenticate too.
            `requirepass ${options.password}`,
            '',
          ].join('\n'),
          { mode: 0o600 },
        );
        const command = placement
          ? placement.network.commandIn(placement.host, binary, [config, '--sentinel'])
          : { command: binary, args: [config, '--sentinel'] };
        processes.push(
          new ManagedProcess({ ...command, cwd: dir, label: `sentinel ${host}:${port}` }),
        );
        nodes.push({ host, port });
      }
      // Sentinels find each other through hello messages on the primary (every 2 s): a
      // failover needs a majority of them to know each other.
      await waitFor(
        async () => (await group.peersKnown()) === count * (count - 1),
        `${count} Sentinels to discover each other`,
        20_000,
        200,
      );
    } catch (error) {
      await group.stop();
      throw new Error(
        `${(error as Error).message}\n${processes.map((p) => p.recentOutput()).join('\n')}`,
        { cause: error },
      );
    }
    return group;
  }

  /** Where the Sentinels say the primary is now (the first one that answers). */
  async masterAddress(): Promise<RedisNodeAddress> {
    let lastError: unknown;
    for (const node of this.nodes) {
      try {
        const reply = await redisCommand(
          node.port,
          ['SENTINEL', 'get-master-addr-by-name', this.masterName],
          { host: node.host, password: this.password },
        );
        if (Array.isArray(reply)) return { host: String(reply[0]), port: Number(reply[1]) };
      } catch (error) {
        lastError = error;
      }
    }
    throw new Error(`no Sentinel answered where the primary is: ${String(lastError)}`);
  }

  /** How many replicas the Sentinels have seen for the primary. */
  async replicasKnown(): Promise<number> {
    const reply = await redisCommand(
      this.nodes[0].port,
      ['SENTINEL', 'replicas', this.masterName],
      { host: this.nodes[0].host, password: this.password },
    );
    return Array.isArray(reply) ? reply.length : 0;
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((process) => process.stop()));
    for (const dir of this.dirs) removeTempDir(dir);
  }

  private async peersKnown(): Promise<number> {
    let known = 0;
    for (const node of this.nodes) {
      try {
        const reply = await redisCommand(node.port, ['SENTINEL', 'sentinels', this.masterName], {
          host: node.host,
          password: this.password,
        });
        known += Array.isArray(reply) ? reply.length : 0;
      } catch {
        // not up yet
      }
    }
    return known;
  }
}

export function startSentinels(options: StartSentinelsOptions): Promise<SentinelGroup> {
  return SentinelGroup.start(options);
}

/** A primary, one replica and the Sentinels watching them: Redis made highly available. */
export interface ReplicatedRedis {
  primary: RedisServer;
  replica: RedisServer;
  sentinels: SentinelGroup;
  /** The one password of the primary, the replica and the Sentinels. */
  password: string;
  /** REDIS_SENTINELS + REDIS_MASTER_NAME + REDIS_PASSWORD for the chapter servers. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The hosts a replicated Redis gets on a lab network: each node and each Sentinel its own. */
export const replicatedRedisHosts = {
  primary: { name: 'redis', octet: 30 },
  replica: { name: 'replica', octet: 31 },
  /** Sentinel i (from 0): sen1, sen2, ... */
  sentinel: (i: number) => ({ name: `sen${i + 1}`, octet: 33 + i }),
};

export interface StartReplicatedRedisOptions extends Omit<
  StartSentinelsOptions,
  'master' | 'password' | 'placements'
> {
  /** In hosts mode: the primary, the replica and each Sentinel on a host of its own. */
  network?: HostNetwork;
}

export async function startReplicatedRedis({
  network,
  ...options
}: StartReplicatedRedisOptions = {}): Promise<ReplicatedRedis> {
  const password = freshSecret();
  const place = (spec: { name: string; octet: number }): Placement | undefined =>
    network && { network, host: network.addHost(spec).name };
  const hosts = replicatedRedisHosts;
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const primary = await startRedis({
      label: 'redis primary',
      password,
      placement: place(hosts.primary),
    });
    started.push(primary);
    const replica = await startRedis({
      label: 'redis replica',
      replicaOf: { host: primary.host, port: primary.port },
      password,
      placement: place(hosts.replica),
    });
    started.push(replica);
    await waitFor(
      async () =>
        (await redisInfo(replica.port, 'replication', { host: replica.host, password }))
          .master_link_status === 'up',
      'the replica to finish its first sync with the primary',
    );
    // Started after the replica is linked, so the Sentinels see it at their first INFO.
    const count = options.count ?? 3;
    const sentinelPlacements = network
      ? Array.from({ length: count }, (_, i) => place(hosts.sentinel(i))).filter(
          (placement): placement is Placement => placement !== undefined,
        )
      : undefined;
    const sentinels = await startSentinels({
      ...options,
      master: { host: primary.host, port: primary.port },
      password,
      placements: sentinelPlacements,
    });
    started.push(sentinels);
    await waitFor(
      async () => (await sentinels.replicasKnown()) >= 1,
      'the Sentinels to see the replica',
      15_000,
      100,
    );
    return {
      primary,
      replica,
      sentinels,
      password,
      env: {
        REDIS_PASSWORD: password,
        REDIS_SENTINELS: sentinels.nodes.map((node) => `${node.host}:${node.port}`).join(','),
        REDIS_MASTER_NAME: sentinels.masterName,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
