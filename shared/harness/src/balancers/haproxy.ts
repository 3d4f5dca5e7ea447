import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../process/managed-process';
import { ManagedService } from '../process/managed-service';
import { repoRoot } from '../repo';
import { makeTempDir, removeTempDir } from '../services/temp-dir';
import { requireBinary } from '../system/system-binary';
import { renderTemplateFile } from './config-template';
import { parseShowStat, statsSocketCommand, type HaproxyServerStat } from './haproxy-stats';
import {
  configValues,
  type RealBalancer,
  type UpstreamServer,
  type UpstreamView,
} from './real-balancer';

export interface StartHaproxyOptions {
  /** The shipped config, e.g. chapters/03-sticky/haproxy/haproxy-app-cookie.cfg. */
  configFile: string;
  servers: readonly UpstreamServer[];
  port: number;
  host?: string;
  /** Health-check interval (the configs' CHECK_INTER, 2s unless given); tests use less. */
  checkInter?: string;
  /** How often the stats socket is read for the dashboard. */
  statsEveryMs?: number;
  /** Shown in error messages; "haproxy" unless given. */
  label?: string;
  /**
   * The runtime API's level: `operator` (the lab's: read, and counters) unless given; a test
   * that switches health checks off and on needs `admin`.
   */
  statsLevel?: 'operator' | 'admin';
}

/**
 * Debian's HAProxy on a shipped config file, its "${VAR}" placeholders filled in (the same
 * values a learner exports to run the file by hand), plus a second file the lab writes: a
 * `stats socket` (HAProxy's runtime API) in a private folder, read every second for the
 * dashboard.
 */
export class Haproxy extends ManagedService implements RealBalancer {
  readonly kind = 'haproxy';
  private latest: HaproxyServerStat[] | undefined;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    readonly url: string,
    readonly config: string,
    readonly statsSocket: string,
    private readonly dir: string,
    statsEveryMs: number,
  ) {
    super();
    this.timer = setInterval(() => void this.refresh(), statsEveryMs);
    this.timer.unref();
  }

  static async start(options: StartHaproxyOptions): Promise<Haproxy> {
    const binary = requireBinary('haproxy');
    const dir = makeTempDir('haproxy');
    const statsSocket = path.join(dir, 'haproxy.sock');
    const statsConfig = path.join(dir, 'stats-socket.cfg');
    const host = options.host ?? '127.0.0.1';
    let config: string;
    try {
      config = renderTemplateFile(
        options.configFile,
        {
          ...configValues(`${host}:${options.port}`, options.servers),
          ...(options.checkInter ? { CHECK_INTER: options.checkInter } : {}),
        },
        dir,
      );
    } catch (error) {
      removeTempDir(dir);
      throw error;
    }
    writeFileSync(
      statsConfig,
      `# Written by the lab: HAProxy's runtime API, read by the dashboard.\nglobal\n    stats socket "${statsSocket}" mode 600 level ${options.statsLevel ?? 'operator'}\n`,
    );
    const label = options.label ?? 'haproxy';
    const process = new ManagedProcess({
      command: binary,
      // -db: stay in the foreground, so the harness owns the process and stops it.
      args: ['-f', config, '-f', statsConfig, '-db'],
      label,
    });
    const haproxy = new Haproxy(
      `http://${host}:${options.port}`,
      path.relative(repoRoot(), options.configFile),
      statsSocket,
      dir,
      options.statsEveryMs ?? 1000,
    );
    // Ready once its runtime API answers: no request reaches the servers to find out.
    await haproxy.runUntilReady(process, {
      ready: () => haproxy.refresh(),
      waitingFor: `${label} to open its stats socket ${statsSocket}`,
      name: label,
      timeoutMs: 15_000,
    });
    return haproxy;
  }

  /** What HAProxy prints in the foreground (-db): server state changes among them. */
  get stderr(): NodeJS.ReadableStream | null {
    return this.process?.child.stderr ?? null;
  }

  /** What HAProxy says of its servers now, straight from the stats socket. */
  async serverStats(): Promise<HaproxyServerStat[]> {
    return parseShowStat(await statsSocketCommand(this.statsSocket, 'show stat'));
  }

  /** One command on the runtime API; HAProxy's refusal (any answer at all) is an error. */
  async runtimeCommand(command: string): Promise<void> {
    const answer = (await statsSocketCommand(this.statsSocket, command)).trim();
    if (answer) throw new Error(`HAProxy refused "${command}": ${answer}`);
  }

  /** Reads the stats socket into the cached view; false while HAProxy does not answer. */
  private async refresh(): Promise<boolean> {
    try {
      this.latest = await this.serverStats();
      return true;
    } catch {
      return false;
    }
  }

  upstreams(): UpstreamView[] | undefined {
    return this.latest?.map((server) => ({
      id: server.id,
      // "UP 1/3": a check failed but not `fall` of them yet; HAProxy still sends it requests.
      health: server.status.startsWith('UP') ? 'up' : 'down',
      requests: server.requests,
      currentSessions: server.currentSessions,
      source: `HAProxy: ${server.status}${server.checkStatus ? ` (${server.checkStatus})` : ''}`,
    }));
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.process?.stop();
    removeTempDir(this.dir);
  }
}
