import { existsSync } from 'node:fs';
import path from 'node:path';
import type { HostNetwork } from '../network/host-network';
import { chapterDir } from '../repo';
import { freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import { ManagedService, waitUntilReady } from './managed-service';
import { serverEntry } from './server-entry';
import { isHealthy } from './wait';
import { labSessionSecret } from '../lab/lab-secrets';

export interface ChapterServerOptions {
  /** "02", 2 or "02-inconsistency". */
  chapter: string | number;
  id: string;
  /** A free port is chosen when absent. */
  port?: number;
  /** Extra environment: PEERS, REDIS_URL, ... */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /** Run on this host of a lab network (its own namespace and address) instead of 127.0.0.1. */
  placement?: Placement;
}

/** Where a process runs on a lab network. */
export interface Placement {
  network: HostNetwork;
  host: string;
}

/**
 * How long a server may take from launch to answering /health. A NestJS start takes about
 * a second on a quiet machine; on two cores where the suite starts a dozen servers and a
 * browser at the same moment, next to a learner's own programs, over thirty seconds was seen.
 */
export const serverReadyTimeoutMs = 60_000;

/**
 * One real chapter server process (`node dist/main.js`, or its one-file bundle), so that
 * SIGKILL is a real crash and SIGSTOP a real hang. It keeps its port across restarts, like a
 * real host would.
 */
export class ChapterServer extends ManagedService {
  readonly url: string;

  private constructor(
    readonly id: string,
    readonly port: number,
    private readonly dir: string,
    private env: Record<string, string>,
    private readonly readyTimeoutMs: number,
    readonly placement: Placement | undefined,
  ) {
    super();
    this.address = placement ? placement.network.host(placement.host).address : '127.0.0.1';
    this.url = `http://${this.address}:${port}`;
  }

  /** The address it listens on: 127.0.0.1, or its own host's on a lab network. */
  readonly address: string;

  static async start(options: ChapterServerOptions): Promise<ChapterServer> {
    const server = await ChapterServer.create(options);
    await server.start();
    return server;
  }

  /** Reserve the port and prepare, without starting: chapter 04 needs every port before any server starts. */
  static async create(options: ChapterServerOptions): Promise<ChapterServer> {
    const dir = chapterDir(options.chapter);
    const main = path.join(dir, 'dist/main.js');
    if (!existsSync(main))
      throw new Error(`${main} is missing: build the chapter first (npm run build)`);
    return new ChapterServer(
      options.id,
      // On its own host every port is free: all servers listen on 3000, like real hosts.
      options.port ?? (options.placement ? 3000 : await freePort()),
      dir,
      options.env ?? {},
      options.readyTimeoutMs ?? serverReadyTimeoutMs,
      options.placement,
    );
  }

  /** Change the environment for the next start (e.g. a new PEERS list). */
  setEnv(env: Record<string, string>): void {
    this.env = { ...this.env, ...env };
  }

  /** Starts the process and resolves once GET /health answers 200. */
  async start(): Promise<void> {
    if (this.alive) return;
    const entry = serverEntry(this.dir);
    const command = this.placement
      ? this.placement.network.commandIn(this.placement.host, globalThis.process.execPath, [entry])
      : { command: globalThis.process.execPath, args: [entry] };
    const process = new ManagedProcess({
      ...command,
      cwd: this.dir,
      label: `server ${this.id}`,
      env: {
        SESSION_SECRET: labSessionSecret,
        ...this.env,
        PORT: String(this.port),
        HOST: this.address,
        SERVER_ID: this.id,
        NODE_ENV: 'development',
      },
    });
    this.process = process;
    // Its own announcement first: between freePort() and the server's listen(), a process of
    // another test run may take the port, and its /health would answer for this server.
    const listening = `listening on ${this.url}`;
    await waitUntilReady(process, {
      ready: async () => process.hasPrinted(listening) && (await isHealthy(this.url)),
      waitingFor: `server ${this.id} on ${this.url} to answer /health`,
      name: `server ${this.id}`,
      timeoutMs: this.readyTimeoutMs,
    });
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }
}
