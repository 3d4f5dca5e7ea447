import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  chapterDir,
  freePort,
  ManagedProcess,
  renderTemplate,
  requireBinary,
  waitFor,
  type ChapterServer,
} from '@sessions/harness';

export { renderTemplate };

export interface RunningNginx {
  url: string;
  /** Connections nginx found refused by this server so far (from its error log). */
  refusedBy(server: ChapterServer): number;
  stop(): Promise<void>;
}

/** Debian's nginx on the shipped template, everything it writes in a temporary prefix. */
export async function startNginx(
  templateFile: string,
  servers: readonly ChapterServer[],
): Promise<RunningNginx> {
  const binary = requireBinary('nginx');
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'sessions-nginx-'));
  const port = await freePort();
  const template = readFileSync(path.join(chapterDir('03-sticky'), 'nginx', templateFile), 'utf8');
  const config = path.join(prefix, 'nginx.conf');
  writeFileSync(
    config,
    renderTemplate(template, {
      LB_ADDR: `127.0.0.1:${port}`,
      ...Object.fromEntries(
        servers.map((server) => [`SERVER_${server.id}`, `127.0.0.1:${server.port}`]),
      ),
    }),
  );
  const errorLog = path.join(prefix, 'error.log');
  const nginx = new ManagedProcess({
    command: binary,
    args: [
      '-p',
      prefix,
      '-c',
      config,
      '-e',
      errorLog,
      '-g',
      `daemon off; pid ${prefix}/nginx.pid;`,
    ],
    label: 'nginx',
  });
  const stop = async () => {
    await nginx.stop();
    rmSync(prefix, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (!nginx.alive) throw new Error(`nginx exited:\n${nginx.recentOutput()}`);
      return fetch(`${url}/health`).then(
        (response) => response.ok,
        () => false,
      );
    }, `nginx to answer on ${url}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const log = () => {
    try {
      return readFileSync(errorLog, 'utf8');
    } catch {
      return '';
    }
  };
  return {
    url,
    refusedBy: (server) =>
      log()
        .split('\n')
        .filter(
          (line) =>
            line.includes('Connection refused') && line.includes(`127.0.0.1:${server.port}/`),
        ).length,
    stop,
  };
}
