import path from 'node:path';
import { upstreamsOf } from './chapter-servers';
import {
  chapterDir,
  freePort,
  Haproxy,
  isHealthy,
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
  /**
   * Runs `during` with HAProxy's health checks of server `id` stopped (runtime API
   * `disable health`), and starts them again however it ends: "before any check noticed",
   * without racing the check interval.
   */
  withoutHealthChecks<T>(id: string, during: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Debian's HAProxy on exactly the shipped config file, started the lab's way (the addresses
 * in environment variables the file reads as "${VAR}"). Health checks every 300 ms so tests
 * do not wait long.
 */
export async function startHaproxy(
  configFile: string,
  servers: readonly ChapterServer[],
): Promise<RunningHaproxy> {
  const haproxy = await Haproxy.start({
    configFile: path.join(chapterDir('03-sticky'), 'haproxy', configFile),
    servers: upstreamsOf(servers),
    port: await freePort(),
    checkInter: '300ms',
    statsLevel: 'admin',
  });
  // HAProxy reports server state changes on stderr when it runs in the foreground (-db).
  let output = '';
  haproxy.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitFor(() => isHealthy(haproxy.url), `haproxy to answer on ${haproxy.url}`);
  } catch (error) {
    await haproxy.stop();
    throw error;
  }
  const reported = (id: string, state: ServerState) =>
    output.split(`Server chapter/s${id} is ${state}`).length - 1;
  return {
    url: haproxy.url,
    reported,
    waitForReport: (id, state, before) =>
      waitFor(() => reported(id, state) > before, `haproxy to report server ${id} ${state}`),
    withoutHealthChecks: async (id, during) => {
      await haproxy.runtimeCommand(`disable health chapter/s${id}`);
      try {
        return await during();
      } finally {
        await haproxy.runtimeCommand(`enable health chapter/s${id}`);
      }
    },
    stop: () => haproxy.stop(),
  };
}
