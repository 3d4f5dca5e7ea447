import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshSecret } from '../lab/lab-secrets';
import type { HostNetwork } from '../network/host-network';
import type { Placement } from '../process/chapter-server';
import { requireBinary } from '../system/system-binary';
import { freePort } from '../process/free-port';
import { ManagedProcess } from '../process/managed-process';
import { ManagedService } from '../process/managed-service';
import { waitFor } from '../process/wait';
import { redisCommand, redisInfo, type RespValue } from './redis-command';
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

interface SentinelConfig {
  host: string;
  port: number;
  masterName: string;
  master: { host: string; port: number };
  quorum: number;
  downAfterMs: number;
  failoverTimeoutMs: number;
  password: string;
}

/**
 * One Sentinel, a real `redis-server --sentinel`, started and stopped like every other process
 * a lab runs. It rewrites its own config file (it records what it learns), so each has one,
 * in a folder of its own.
 */
export class Sentinel extends ManagedService {
  private constructor(
    readonly host: string,
    readonly port: number,
    private readonly dir: string,
    private readonly password: string,
  ) {
    super();
  }

  static async start(config: SentinelConfig, placement?: Placement): Promise<Sentinel> {
    const binary = requireBinary('redis');
    const sentinel = new Sentinel(
      config.host,
      config.port,
      makeTempDir('sentinel'),
      config.password,
    );
    const file = path.join(sentinel.dir, 'sentinel.conf');
    const name = config.masterName;
    writeFileSync(
      file,
      [
        `port ${config.port}`,
        `bind ${config.host}`,
        `dir ${sentinel.dir}`,
        `sentinel monitor ${name} ${config.master.host} ${config.master.port} ${config.quorum}`,
        `sentinel down-after-milliseconds ${name} ${config.downAfterMs}`,
        `sentinel failover-timeout ${name} ${config.failoverTimeoutMs}`,
        `sentinel parallel-syncs ${name} 1`,
        `sentinel auth-pass ${name} ${config.password}`,
        // Clients and the other Sentinels must authenticate too.
        `requirepass ${config.password}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    const command = placement
      ? placement.network.commandIn(placement.host, binary, [file, '--sentinel'])
      : { command: binary, args: [file, '--sentinel'] };
    const label = `sentinel ${config.host}:${config.port}`;
    const process = new ManagedProcess({ ...command, cwd: sentinel.dir, label });
    await sentinel.runUntilReady(process, {
      ready: async () => (await sentinel.command('PING').catch(() => undefined)) === 'PONG',
      waitingFor: `${label} to answer PING`,
      name: label,
      timeoutMs: 10_000,
    });
    return sentinel;
  }

  get address(): RedisNodeAddress {
    return { host: this.host, port: this.port };
  }

  /** One command over a fresh connection, authenticated. */
  command(...args: string[]): Promise<RespValue> {
    return redisCommand(this.port, args, {
      host: this.host,
      password: this.password,
      timeoutMs: 1_000,
    });
  }

  /** Stops for good and deletes its folder. */
  async stop(): Promise<void> {
    await this.process?.stop();
    removeTempDir(this.dir);
  }
}

/** Sentinels (three by default) watching one primary. */
export class SentinelGroup {
  private constructor(
    readonly masterName: string,
    readonly sentinels: Sentinel[],
    readonly password: string,
  ) {}

  static async start(options: StartSentinelsOptions): Promise<SentinelGroup> {
    const masterName = options.masterName ?? 'course';
    const count = options.count ?? 3;
    const group = new SentinelGroup(masterName, [], options.password);
    try {
      for (let i = 0; i < count; i++) {
        const placement = options.placements?.[i];
        if (options.placements && !placement)
          throw new Error(`${count} Sentinels need ${count} placements`);
        const sentinel = await Sentinel.start(
          {
            host: placement ? placement.network.host(placement.host).address : '127.0.0.1',
            port: placement ? sentinelPort : await freePort(),
            masterName,
            master: { host: options.master.host ?? '127.0.0.1', port: options.master.port },
            quorum: options.quorum ?? 2,
            downAfterMs: options.downAfterMs ?? 1000,
            failoverTimeoutMs: options.failoverTimeoutMs ?? 5000,
            password: options.password,
          },
          placement,
        );
        group.sentinels.push(sentinel);
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
      const output = group.sentinels.map((sentinel) => sentinel.recentOutput()).join('\n');
      await group.stop();
      throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
    }
    return group;
  }

  /** Where each Sentinel listens: REDIS_SENTINELS for the chapter servers. */
  get nodes(): RedisNodeAddress[] {
    return this.sentinels.map((sentinel) => sentinel.address);
  }

  /** Where the Sentinels say the primary is now (the first one that answers). */
  async masterAddress(): Promise<RedisNodeAddress> {
    let lastError: unknown;
    for (const sentinel of this.sentinels) {
      try {
        const reply = await sentinel.command(
          'SENTINEL',
          'get-master-addr-by-name',
          this.masterName,
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
    const reply = await this.sentinels[0].command('SENTINEL', 'replicas', this.masterName);
    return Array.isArray(reply) ? reply.length : 0;
  }

  async stop(): Promise<void> {
    await Promise.all(this.sentinels.map((sentinel) => sentinel.stop()));
  }

  private async peersKnown(): Promise<number> {
    let known = 0;
    for (const sentinel of this.sentinels) {
      try {
        const reply = await sentinel.command('SENTINEL', 'sentinels', this.masterName);
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
