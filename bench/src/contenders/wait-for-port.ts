import { waitUntilReady, type ManagedProcess } from '@sessions/harness';

/** Resolves once `url` answers anything over HTTP; fails with the process's output if it exits first. */
export function waitUntilAnswering(
  process: ManagedProcess,
  url: string,
  what: string,
): Promise<void> {
  return waitUntilReady(process, {
    ready: async () => {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        return true;
      } catch {
        return false;
      }
    },
    waitingFor: `${what} to answer on ${url}`,
    name: what,
    timeoutMs: 15_000,
  });
}
