import path from 'node:path';
import { freePort, Haproxy, repoRoot } from '@sessions/harness';

export interface HaproxyReference {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * HAProxy (the Debian package) with configs/haproxy-differential.cfg, in front of
 * `backendUrl`, started by the harness as a lab starts it. It is ready once its stats socket
 * answers, so no request reaches the recording backend before the test sends one.
 */
export async function startHaproxyReference(backendUrl: string): Promise<HaproxyReference> {
  const port = await freePort();
  const haproxy = await Haproxy.start({
    configFile: path.join(repoRoot(), 'shared/hostile-suite/configs/haproxy-differential.cfg'),
    servers: [{ id: '1', address: new URL(backendUrl).host }],
    port,
    label: 'haproxy (differential)',
  });
  return { port, stop: () => haproxy.stop() };
}
