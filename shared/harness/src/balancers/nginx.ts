import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../process/managed-process';
import { isHealthy, waitFor } from '../process/wait';
import { repoRoot } from '../repo';
import { makeTempDir, removeTempDir } from '../services/temp-dir';
import { requireBinary } from '../system/system-binary';
import { renderTemplate } from './config-template';
import { configValues, type RealBalancer, type UpstreamServer } from './real-balancer';

export interface StartNginxOptions {
  /** The shipped template, e.g. chapters/03-sticky/nginx/nginx-app-cookie.conf.template. */
  templateFile: string;
  servers: readonly UpstreamServer[];
  port: number;
  host?: string;
}

/**
 * Debian's nginx on a shipped template rendered like `envsubst`, everything it writes (the
 * config, logs, temp files, pid) in a private folder that is removed when it stops.
 * Open-source nginx has no status of its upstreams to read: the dashboard shows what the
 * servers themselves report.
 */
export class Nginx implements RealBalancer {
  readonly kind = 'nginx';

  private constructor(
    private readonly process: ManagedProcess,
    readonly url: string,
    readonly config: string,
    private readonly dir: string,
  ) {}

  static async start(options: StartNginxOptions): Promise<Nginx> {
    const binary = requireBinary('nginx');
    const dir = makeTempDir('nginx');
    const host = options.host ?? '127.0.0.1';
    const config = path.join(dir, 'nginx.conf');
    try {
      const template = readFileSync(options.templateFile, 'utf8');
      writeFileSync(
        config,
        renderTemplate(template, configValues(`${host}:${options.port}`, options.servers)),
      );
    } catch (error) {
      removeTempDir(dir);
      throw error;
    }
    const process = new ManagedProcess({
      command: binary,
      args: [
        '-p',
        dir,
        '-c',
        config,
        '-e',
        path.join(dir, 'error.log'),
        '-g',
        `daemon off; pid ${dir}/nginx.pid;`,
      ],
      label: 'nginx',
    });
    const nginx = new Nginx(
      process,
      `http://${host}:${options.port}`,
      path.relative(repoRoot(), options.templateFile),
      dir,
    );
    try {
      await waitFor(async () => {
        if (!process.alive) throw new Error(`nginx exited:\n${process.recentOutput()}`);
        return isHealthy(nginx.url);
      }, `nginx to answer on ${nginx.url}`);
    } catch (error) {
      await nginx.stop();
      throw error;
    }
    return nginx;
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  /** The error log: refused connections, upstreams marked failed. */
  errorLog(): string {
    try {
      return readFileSync(path.join(this.dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  }

  upstreams(): undefined {
    return undefined;
  }

  async stop(): Promise<void> {
    await this.process.stop();
    removeTempDir(this.dir);
  }
}
