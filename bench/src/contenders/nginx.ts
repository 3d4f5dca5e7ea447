import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, ManagedProcess, requireBinary } from '@sessions/harness';
import { backendPorts, renderTemplate, scratchDir } from './config-files';
import type { Contender } from './contender';
import { waitUntilAnswering } from './wait-for-port';

/** nginx (the Debian package) with bench/configs/nginx.conf filled in, in a throwaway prefix folder. */
export async function startNginx(backends: ReadonlyArray<{ url: string }>): Promise<Contender> {
  const binary = requireBinary('nginx');
  const port = await freePort();
  const scratch = scratchDir('nginx');
  for (const folder of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
    mkdirSync(path.join(scratch.dir, folder));
  const config = renderTemplate(
    'nginx.conf',
    { PREFIX: scratch.dir, LB_PORT: String(port), ...backendPorts(backends) },
    scratch.dir,
  );
  const process = new ManagedProcess({
    command: binary,
    // -e stderr: do not touch /var/log/nginx; -p: everything relative stays in the scratch folder.
    args: ['-e', 'stderr', '-p', scratch.dir, '-c', config],
    label: 'nginx',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(process, `${url}/health`, 'nginx');
  } catch (error) {
    scratch.remove();
    throw error;
  }
  return {
    name: 'nginx',
    url,
    pid: process.pid,
    stop: async () => {
      // SIGTERM is nginx's fast shutdown: the master stops its worker and exits.
      await process.stop();
      scratch.remove();
    },
  };
}
