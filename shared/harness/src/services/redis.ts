import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freshSecret } from '../lab/lab-secrets';
import type { Placement } from '../process/chapter-server';
import { requireBinary } from '../system/system-binary';
import { freePort } from '../process/free-port';
import { ManagedProcess } from '../process/managed-process';
import { ManagedService, waitUntilReady } from '../process/managed-service';
import { redisCommand, type RespValue } from './redis-command';
import { makeTempDir, removeTempDir } from './temp-dir';

export interface StartRedisOptions {
  /** Keep an append-only file (fsync every second), so a restart replays the writes. Off by default. */
  appendonly?: boolean;
  /** Start as a replica of this primary. */
  replicaOf?: { host?: string; port: number };
  /** A free port unless given. */
  port?: number;
  /** Shown in error messages: "redis", "redis replica". */
  label?: string;
  /** Run on this host of a lab network, on its address, instead of 127.0.0.1. */
  placement?: Placement;
  /** What clients must AUTH with (and a replica gives its primary); a fresh one unless given. */
  password?: string;
}

/**
 * A real `redis-server` on a free port with its data folder in a temp dir. No RDB snapshots;
 * no append-only file unless asked: what the store holds lives in its memory only. Restarts
 * keep the port (and the folder, so an append-only file survives them). It requires a
 * password, given in a config file only this user can read (never on the command line, where
 * `ps` shows it to every account on the machine).
 */
export class RedisServer extends ManagedService {
  readonly host: string;
  /** host:port, safe to show. */
  readonly address: string;
  /** What a client connects with: it holds the password, so never print or publish it. */
  readonly url: string;
  readonly password: string;

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly options: StartRedisOptions,
  ) {
    super();
    const placement = options.placement;
    this.host = placement ? placement.network.host(placement.host).address : '127.0.0.1';
    this.password = options.password ?? freshSecret();
    this.address = `${this.host}:${port}`;
    this.url = `redis://:${encodeURIComponent(this.password)}@${this.host}:${port}`;
  }

  static async start(options: StartRedisOptions = {}): Promise<RedisServer> {
    requireBinary('redis');
    const server = new RedisServer(
      options.port ?? (options.placement ? 6379 : await freePort()),
      makeTempDir('redis'),
      options,
    );
    try {
      await server.start();
    } catch (error) {
      removeTempDir(server.dir);
      throw error;
    }
    return server;
  }

  get label(): string {
    return this.options.label ?? 'redis';
  }

  /** Starts the process (again) on the same port; resolves once it answers PING. */
  async start(): Promise<void> {
    if (this.alive) return;
    const config = path.join(this.dir, 'redis.conf');
    writeFileSync(config, `requirepass ${this.password}\nmasterauth ${this.password}\n`, {
      mode: 0o600,
    });
    // prettier-ignore
    const args = [
      config,
      '--port', String(this.port),
      '--bind', this.host,
      '--dir', this.dir,
      '--save', '',
      '--appendonly', this.options.appendonly ? 'yes' : 'no',
      // A new replica syncs at once instead of after 5 s, so a lab's replica is current quickly.
      '--repl-diskless-sync-delay', '0',
      '--daemonize', 'no',
    ];
    if (this.options.replicaOf)
      args.push(
        '--replicaof',
        this.options.replicaOf.host ?? this.host,
        String(this.options.replicaOf.port),
      );
    const placement = this.options.placement;
    const command = placement
      ? placement.network.commandIn(placement.host, requireBinary('redis'), args)
      : { command: requireBinary('redis'), args };
    const process = new ManagedProcess({
      ...command,
      cwd: this.dir,
      label: `${this.label} :${this.port}`,
    });
    this.process = process;
    await waitUntilReady(process, {
      ready: () => this.answersPing(),
      waitingFor: `${this.label} on port ${this.port} to answer PING`,
      name: this.label,
      timeoutMs: 10_000,
    });
  }

  /** One command over a fresh connection: for tests and experiments, not for the app. */
  command(...args: string[]): Promise<RespValue> {
    return redisCommand(this.port, args, { host: this.host, password: this.password });
  }

  /** A clean shutdown (SIGTERM): with an append-only file, Redis flushes it first. */
  async shutdown(): Promise<void> {
    await this.process?.stop(5000);
  }

  /** Stop and start again on the same port, cleanly or (crash: true) with kill -9. */
  async restart({ crash = false } = {}): Promise<void> {
    if (crash) await this.kill();
    else await this.shutdown();
    await this.start();
  }

  /** Stops for good and deletes the data folder. */
  async stop(): Promise<void> {
    await this.shutdown();
    removeTempDir(this.dir);
  }

  private async answersPing(): Promise<boolean> {
    try {
      // While it replays an append-only file Redis answers -LOADING, which is an error here.
      const reply = await redisCommand(this.port, ['PING'], {
        host: this.host,
        timeoutMs: 500,
        password: this.password,
      });
      return reply === 'PONG';
    } catch {
      return false;
    }
  }
}

export function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  return RedisServer.start(options);
}
