import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ManagedProcess } from '../process/managed-process';
import { ManagedService } from '../process/managed-service';
import { isHealthy } from '../process/wait';
import { repoRoot } from '../repo';
import { makeTempDir, removeTempDir } from '../services/temp-dir';
import { requireBinary } from '../system/system-binary';
import { renderTemplateFile } from './config-template';
import { configValues, type RealBalancer, type UpstreamServer } from './real-balancer';

export interface StartNginxOptions {
  /** The shipped template, e.g. chapters/03-sticky/nginx/nginx-app-cookie.conf.template. */
  templateFile: string;
  servers: readonly UpstreamServer[];
  port: number;
  host?: string;
  /** Shown in error messages; "nginx" unless given. */
  label?: string;
}

/**
 * Debian's nginx on a shipped template rendered like `envsubst`, everything it writes (the
 * config, logs, temp files, pid) in a private folder that is removed when it stops.
 * Open-source nginx has no status of its upstreams to read: the dashboard shows what the
 * servers themselves report.
 */
export class Nginx extends ManagedService implements RealBalancer {
  readonly kind = 'nginx';

  private constructor(
    readonly url: string,
    readonly config: string,
    private readonly dir: string,
  ) {
    super();
  }

  static async start(options: StartNginxOptions): Promise<Nginx> {
    const binary = requireBinary('nginx');
    const dir = makeTempDir('nginx');
    const host = options.host ?? '127.0.0.1';
    let config: string;
    try {
      config = renderTemplateFile(
        options.templateFile,
        configValues(`${host}:${options.port}`, options.servers),
        dir,
      );
    } catch (error) {
      removeTempDir(dir);
      throw error;
    }
    const label = options.label ?? 'nginx';
    const process = new ManagedProcess({
      command: binary,
      // prettier-ignore
      args: [
        '-p', dir,
        '-c', config,
        '-e', path.join(dir, 'error.log'),
        '-g', `daemon off; pid ${dir}/nginx.pid;`,
      ],
      label,
    });
    const nginx = new Nginx(
      `http://${host}:${options.port}`,
      path.relative(repoRoot(), options.templateFile),
      dir,
    );
    await nginx.runUntilReady(process, {
      ready: () => isHealthy(nginx.url),
      waitingFor: `${label} to answer on ${nginx.url}`,
      name: label,
      timeoutMs: 15_000,
    });
    return nginx;
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
    await this.process?.stop();
    removeTempDir(this.dir);
  }
}
