import { execFileSync } from 'node:child_process';

/**
 * Runs a system command (ip, nft) and returns its output. Synchronous on purpose: network
 * setup and tear-down happen in order, and tear-down must also work in an exit handler.
 */
export function runCommand(command: string, args: string[], input?: string): string {
  try {
    return execFileSync(command, args, {
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failure = error as { stderr?: string; message: string };
    const detail = (failure.stderr || failure.message).trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${detail}`, { cause: error });
  }
}

/** The same, for clean-up: a failure is returned, never thrown. */
export function tryCommand(command: string, args: string[]): string | undefined {
  try {
    runCommand(command, args);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
