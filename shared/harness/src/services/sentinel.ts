import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshSecret } from '../lab/lab-secrets';
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
}

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
        const port = await freePort();
        const dir = makeTempDir('sentinel');
        dirs.push(dir);
        // Sentinel rewrites its own config file (it records what it learns), so each gets one.
        const config = path.join(dir, 'sentinel.conf');
        writeFileSync(
          config,
          [
            `port ${port}`,
            'bind 127.0.0.1',
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
        processes.push(
          new ManagedProcess({
            command: binary,
            args: [config, '--sentinel'],
            cwd: dir,
            label: `sentinel :${port}`,
          }),
        );
        nodes.push({ host: '127.0.0.1', port });
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
          { password: this.password },
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
      { password: this.password },
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

export async function startReplicatedRedis(
  options: Omit<StartSentinelsOptions, 'master' | 'password'> = {},
): Promise<ReplicatedRedis> {
  const password = freshSecret();
  const started: Array<{ stop(): Promise<void> }> = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const primary = await startRedis({ label: 'redis primary', password });
    started.push(primary);
    const replica = await startRedis({
      label: 'redis replica',
      replicaOf: { port: primary.port },
      password,
    });
    started.push(replica);
    await waitFor(
      async () =>
        (await redisInfo(replica.port, 'replication', { password })).master_link_status === 'up',
      'the replica to finish its first sync with the primary',
    );
    // Started after the replica is linked, so the Sentinels see it at their first INFO.
    const sentinels = await startSentinels({
      ...options,
      master: { port: primary.port },
      password,
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
