import { execFile, execFileSync } from 'node:child_process';

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

/**
 * The same without blocking: the lab's own clients (an experiment's writers, the balancer's
 * health checks) keep running while a rule is applied. `ip netns exec` takes a few hundred
 * ms on a busy machine, and a partition rewrites the rules of every host.
 */
export function runCommandAsync(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const detail = (stderr || error.message).trim();
      reject(new Error(`${command} ${args.join(' ')} failed: ${detail}`, { cause: error }));
    });
    // A command that never reads its input (most do not) may exit before the write reaches
    // the pipe: the EPIPE that follows says nothing, its exit status above says everything.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input ?? '');
  });
}
