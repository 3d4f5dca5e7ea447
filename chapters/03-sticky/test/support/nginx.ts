import path from 'node:path';
import { upstreamsOf } from './chapter-servers';
import { chapterDir, freePort, Nginx, renderTemplate, type ChapterServer } from '@sessions/harness';

export { renderTemplate };

export interface RunningNginx {
  url: string;
  /** Connections nginx found refused by this server so far (from its error log). */
  refusedBy(server: ChapterServer): number;
  stop(): Promise<void>;
}

/** Debian's nginx on the shipped template (the lab's own way to run it), on a free port. */
export async function startNginx(
  templateFile: string,
  servers: readonly ChapterServer[],
): Promise<RunningNginx> {
  const nginx = await Nginx.start({
    templateFile: path.join(chapterDir('03-sticky'), 'nginx', templateFile),
    servers: upstreamsOf(servers),
    port: await freePort(),
  });
  return {
    url: nginx.url,
    refusedBy: (server) =>
      nginx
        .errorLog()
        .split('\n')
        .filter(
          (line) =>
            line.includes('Connection refused') && line.includes(`127.0.0.1:${server.port}/`),
        ).length,
    stop: () => nginx.stop(),
  };
}
