import { existsSync } from 'node:fs';
import path from 'node:path';
import { chapterDir } from '../repo';
import { freePort } from './free-port';
import { ManagedProcess } from './managed-process';
import { isHealthy, waitFor } from './wait';
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
}

/**
 * One real chapter server process (`node dist/main.js`), so that SIGKILL is a real crash
 * and SIGSTOP a real hang. It keeps its port across restarts, like a real host would.
 */
export class ChapterServer {
  private process: ManagedProcess | undefined;
  readonly url: string;

  private constructor(
    readonly id: string,
    readonly port: number,
    private readonly dir: string,
    private env: Record<string, string>,
    private readonly readyTimeoutMs: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

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
      options.port ?? (await freePort()),
      dir,
      options.env ?? {},
      options.readyTimeoutMs ?? 15_000,
    );
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  get alive(): boolean {
    return this.process?.alive ?? false;
  }

  /** Change the environment for the next start (e.g. a new PEERS list). */
  setEnv(env: Record<string, string>): void {
    this.env = { ...this.env, ...env };
  }

  /** Starts the process and resolves once GET /health answers 200. */
  async start(): Promise<void> {
    if (this.alive) return;
    const process = new ManagedProcess({
      command: globalThis.process.execPath,
      args: ['dist/main.js'],
      cwd: this.dir,
      label: `server ${this.id}`,
      env: {
        SESSION_SECRET: labSessionSecret,
        ...this.env,
        PORT: String(this.port),
        SERVER_ID: this.id,
        NODE_ENV: 'development',
      },
    });
    this.process = process;
    try {
      await waitFor(
        async () => !process.alive || (await isHealthy(this.url)),
        `server ${this.id} on ${this.url} to answer /health`,
        this.readyTimeoutMs,
      );
    } catch (error) {
      await process.kill();
      throw new Error(
        `${(error as Error).message}\n--- its output ---\n${process.recentOutput()}`,
        { cause: error },
      );
    }
    if (!process.alive)
      throw new Error(
        `server ${this.id} exited while starting\n--- its output ---\n${process.recentOutput()}`,
      );
  }

  /** kill -9: a crash. Nothing the process held in memory survives. */
  async kill(): Promise<void> {
    await this.process?.kill();
  }

  /** SIGSTOP: the process stays, its port stays open, it answers nothing. */
  pause(): void {
    this.process?.signal('SIGSTOP');
  }

  resume(): void {
    this.process?.signal('SIGCONT');
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  recentOutput(): string {
    return this.process?.recentOutput() ?? '';
  }
}
