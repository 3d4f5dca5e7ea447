import type { ChildProcess } from 'node:child_process';
import { waitFor } from './wait';

/** Everything a child process prints, stdout and stderr together, as it arrives. */
export function outputOf(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => (text += chunk.toString());
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** Whether the child has ended: it exited, or a signal killed it. */
export const hasEnded = (child: ChildProcess): boolean =>
  child.exitCode !== null || child.signalCode !== null;

/** Sends `signal` and waits up to `withinMs` for the child (`what`) to end. */
export async function endWith(
  child: ChildProcess,
  signal: NodeJS.Signals,
  what: string,
  withinMs: number,
): Promise<void> {
  child.kill(signal);
  await waitFor(() => hasEnded(child), `${what} to exit after ${signal}`, withinMs, 50);
}
