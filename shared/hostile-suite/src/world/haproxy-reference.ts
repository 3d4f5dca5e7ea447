import net from 'node:net';
import path from 'node:path';
import { freePort, ManagedProcess, repoRoot, requireBinary, waitFor } from '@sessions/harness';

export interface HaproxyReference {
  readonly port: number;
  stop(): Promise<void>;
}

/** HAProxy (the Debian package) with configs/haproxy-differential.cfg, in front of `backendUrl`. */
export async function startHaproxyReference(backendUrl: string): Promise<HaproxyReference> {
  const port = await freePort();
  const haproxy = new ManagedProcess({
    command: requireBinary('haproxy'),
    // -db: stay in the foreground, so the harness owns the process and stops it.
    args: [
      '-db',
      '-f',
      path.join(repoRoot(), 'shared/hostile-suite/configs/haproxy-differential.cfg'),
    ],
    env: { LB_PORT: String(port), BACKEND_PORT: new URL(backendUrl).port },
    label: 'haproxy (differential)',
  });
  try {
    // Ready when it accepts a connection; a request would be recorded by the backend.
    await waitFor(
      () => (haproxy.alive ? accepts(port) : Promise.resolve(true)),
      `HAProxy to listen on port ${port}`,
      15_000,
    );
    if (!haproxy.alive) throw new Error(`HAProxy exited:\n${haproxy.recentOutput()}`);
  } catch (error) {
    await haproxy.stop();
    throw error;
  }
  return { port, stop: () => haproxy.stop() };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
