import { execFileSync } from 'node:child_process';
import { chownSync } from 'node:fs';
import { currentUid, hostUid } from '../runtime/run-folder';

/**
 * PostgreSQL refuses to run as root, so who runs its binaries depends on who the harness is:
 * - an ordinary user: that user;
 * - root: the `postgres` account (the Debian postgresql package creates it);
 * - root of a user namespace (the network lab of an ordinary user): there is no other account
 *   to switch to (only root is mapped), so each binary runs in a user namespace of its own
 *   that maps the one uid back to the user's own number: the same user, no longer root.
 */
export type PostgresAccount =
  | { kind: 'self' }
  | { kind: 'postgres'; uid: number; gid: number }
  | { kind: 'unmapped-root'; uid: number };

export function postgresAccount(): PostgresAccount {
  if (currentUid() !== 0) return { kind: 'self' };
  const outside = hostUid();
  if (outside !== 0) return { kind: 'unmapped-root', uid: outside };
  try {
    return {
      kind: 'postgres',
      uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
      gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
    };
  } catch {
    throw new Error(
      'running as root, PostgreSQL needs the `postgres` user (the Debian postgresql package creates it)',
    );
  }
}

/** The command, arguments and spawn ids that run one PostgreSQL binary as that account. */
export function asPostgres(
  account: PostgresAccount,
  command: string,
  args: readonly string[],
  /** Switch with setpriv in the command instead of spawn ids (under `ip netns exec`). */
  inCommand = false,
): { command: string; args: string[]; uid?: number; gid?: number } {
  if (account.kind === 'unmapped-root') {
    const id = account.uid;
    // prettier-ignore
    return { command: 'unshare', args: ['--user', `--map-user=${id}`, `--map-group=${id}`, '--', command, ...args] };
  }
  if (account.kind === 'self') return { command, args: [...args] };
  if (!inCommand) return { command, args: [...args], uid: account.uid, gid: account.gid };
  // prettier-ignore
  return { command: 'setpriv', args: [`--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups', command, ...args] };
}

/** Hands a file or folder to the `postgres` account (its own files need nothing). */
export function giveToPostgres(account: PostgresAccount, file: string): void {
  if (account.kind === 'postgres') chownSync(file, account.uid, account.gid);
}
