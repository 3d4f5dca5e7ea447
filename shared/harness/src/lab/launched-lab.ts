import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { endWith, hasEnded, outputOf } from '../process/child-output';
import { freePort } from '../process/free-port';
import { waitFor } from '../process/wait';
import { repoRoot } from '../repo';
import { launcherText } from './launcher-text';

/** The real launcher, started as a learner starts it. */
export interface LaunchedLab {
  child: ChildProcess;
  /** The balancer's address (LB_PORT, a free port). */
  url: string;
  /** Everything the launcher printed so far. */
  output: () => string;
  /** Settles once the launcher has exited. */
  exited: Promise<void>;
}

export interface LaunchOptions {
  /** How long the launcher may take to print its banner (it starts the lab first). */
  startTimeoutMs: number;
  /** How long it may take to end when it has to be ended. */
  stopTimeoutMs: number;
  /** Variables for the launcher's environment; undefined removes one the shell has. */
  env?: Record<string, string | undefined>;
  /** Run it as this uid (and gid), as an ordinary user would: needs root (setpriv). */
  asUid?: number;
}

/**
 * `node scripts/lab.mjs ...args`, as `npm start -- ...args` runs it, on a free LB_PORT, in
 * English whatever the shell's LANG; resolves once it prints its banner (the lab is up). One
 * that does not print it in time is ended (else it would keep its lab, and the caller, running)
 * and this throws with what it printed.
 */
export async function launchLab(
  args: readonly string[],
  { startTimeoutMs, stopTimeoutMs, env = {}, asUid }: LaunchOptions,
): Promise<LaunchedLab> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LB_PORT: String(port), LAB_LANG: 'en' };
  for (const [name, value] of Object.entries(env))
    if (value === undefined) delete childEnv[name];
    else childEnv[name] = value;
  const launcher = [process.execPath, path.join(repoRoot(), 'scripts/lab.mjs'), ...args];
  const asUser =
    asUid === undefined
      ? []
      : ['setpriv', `--reuid=${asUid}`, `--regid=${asUid}`, '--clear-groups'];
  const [command, ...commandArgs] = [...asUser, ...launcher];
  const child = spawn(command, commandArgs, {
    cwd: repoRoot(),
    env: childEnv,
    stdio: 'pipe',
  });
  const output = outputOf(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const banner = launcherText('en').ctrlC;
  await waitFor(
    () => output().includes(banner) || hasEnded(child),
    'the launcher to print its banner',
    startTimeoutMs,
    100,
  ).catch(() => undefined);
  if (!output().includes(banner)) {
    await endWith(child, 'SIGTERM', 'the launcher', stopTimeoutMs).catch(() =>
      child.kill('SIGKILL'),
    );
    throw new Error(`the launcher did not start within ${startTimeoutMs} ms:\n${output()}`);
  }
  return { child, url: `http://localhost:${port}`, output, exited };
}
