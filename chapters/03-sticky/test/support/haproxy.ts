import path from 'node:path';
import {
  chapterDir,
  freePort,
  ManagedProcess,
  requireBinary,
  waitFor,
  type ChapterServer,
} from '@sessions/harness';

export type ServerState = 'UP' | 'DOWN';

export interface RunningHaproxy {
  url: string;
  /** How often HAProxy has reported server `id` going to `state` so far. */
  reported(id: string, state: ServerState): number;
  /** Waits until HAProxy reports server `id` going to `state` more often than `before` times. */
  waitForReport(id: string, state: ServerState, before: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy on exactly the shipped config file, with the addresses in environment
 * variables the file reads as "${VAR}". Health checks every 300 ms so tests do not wait long.
 */
export async function startHaproxy(
  configFile: string,
  servers: readonly ChapterServer[],
): Promise<RunningHaproxy> {
  const binary = requireBinary('haproxy');
  const port = await freePort();
  const haproxy = new ManagedProcess({
    command: binary,
    args: ['-f', path.join(chapterDir('03-sticky'), 'haproxy', configFile), '-db'],
    label: 'haproxy',
    env: {
      LB_ADDR: `127.0.0.1:${port}`,
      CHECK_INTER: '300ms',
      ...Object.fromEntries(
        servers.map((server) => [`SERVER_${server.id}`, `127.0.0.1:${server.port}`]),
      ),
    },
  });
  // HAProxy reports server state changes on stderr when it runs in the foreground (-db).
  let output = '';
  haproxy.child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (!haproxy.alive) throw new Error(`haproxy exited:\n${haproxy.recentOutput()}`);
      return fetch(`${url}/health`).then(
        (response) => response.ok,
        () => false,
      );
    }, `haproxy to answer on ${url}`);
  } catch (error) {
    await haproxy.stop();
    throw error;
  }
  const reported = (id: string, state: ServerState) =>
    output.split(`Server chapter/s${id} is ${state}`).length - 1;
  return {
    url,
    reported,
    waitForReport: (id, state, before) =>
      waitFor(() => reported(id, state) > before, `haproxy to report server ${id} ${state}`),
    stop: () => haproxy.stop(),
  };
}
