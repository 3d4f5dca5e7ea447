import { waitFor, type ManagedProcess } from '@sessions/harness';

/** Resolves once `url` answers anything over HTTP; fails with the process's output if it exits first. */
export async function waitUntilAnswering(
  process: ManagedProcess,
  url: string,
  what: string,
): Promise<void> {
  try {
    await waitFor(
      async () => {
        if (!process.alive) return true;
        try {
          const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
          await response.arrayBuffer();
          return true;
        } catch {
          return false;
        }
      },
      `${what} to answer on ${url}`,
      15_000,
    );
  } catch (error) {
    await process.kill();
    throw new Error(`${(error as Error).message}\n--- its output ---\n${process.recentOutput()}`, {
      cause: error,
    });
  }
  if (!process.alive)
    throw new Error(`${what} exited while starting\n--- its output ---\n${process.recentOutput()}`);
}
