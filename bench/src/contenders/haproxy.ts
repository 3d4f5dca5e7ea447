import path from 'node:path';
import { freePort, ManagedProcess, requireBinary } from '@sessions/harness';
import { backendPorts, configsDir } from './config-files';
import type { Contender } from './contender';
import { waitUntilAnswering } from './wait-for-port';

/** HAProxy (the Debian package) with bench/configs/haproxy.cfg; ports arrive through the environment. */
export async function startHaproxy(backends: ReadonlyArray<{ url: string }>): Promise<Contender> {
  const binary = requireBinary('haproxy');
  const port = await freePort();
  const process = new ManagedProcess({
    command: binary,
    // -db: stay in the foreground, so the harness owns the process and stops it.
    args: ['-db', '-f', path.join(configsDir(), 'haproxy.cfg')],
    env: { LB_PORT: String(port), ...backendPorts(backends) },
    label: 'haproxy',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(process, `${url}/health`, 'HAProxy');
  return { name: 'HAProxy', url, pid: process.pid, stop: () => process.stop() };
}
