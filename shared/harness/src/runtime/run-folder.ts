import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where this user's runs are recorded: `<tmp>/sessions-at-scale-<uid>/runs`, mode 0700. On a
 * shared machine another account could create that folder first (or a symlink in its place)
 * to read or plant records, so a folder this user does not own, or that others can enter, is
 * refused rather than used.
 */
export function runFolder(tmp = os.tmpdir()): string {
  const base = ownFolder(path.join(tmp, `sessions-at-scale-${hostUid()}`));
  return ownFolder(path.join(base, 'runs'));
}

/** Makes `dir` (mode 0700) if needed, and refuses it unless this user owns it and only they may enter. */
export function ownFolder(dir: string): string {
  const uid = currentUid();
  mkdirSync(dir, { mode: 0o700, recursive: true });
  const info = lstatSync(dir);
  if (!info.isDirectory() || info.uid !== uid || (info.mode & 0o077) !== 0)
    throw new Error(
      `${dir} must be a folder owned by uid ${uid} with mode 0700; it is not, so another account may have made it. Remove it and start again.`,
    );
  return dir;
}

export function currentUid(): number {
  return process.getuid?.() ?? 0;
}

/**
 * The uid the machine knows this user by. It differs from currentUid() inside a user
 * namespace (the unprivileged lab network runs as root there): runs inside and outside share
 * one run folder and one owner, so either side cleans up what the other left.
 */
export function hostUid(): number {
  const uid = currentUid();
  let map: string;
  try {
    map = readFileSync('/proc/self/uid_map', 'utf8');
  } catch {
    return uid; // not Linux: no user namespaces
  }
  for (const line of map.trim().split('\n')) {
    const [inside, outside, count] = line.trim().split(/\s+/).map(Number);
    if (uid >= inside && uid < inside + count) return outside + (uid - inside);
  }
  return uid;
}

/** A folder only this user can enter, inside the run folder, for one run's secret files. */
export function privateFolder(name: string): string {
  const dir = path.join(runFolder(), name);
  mkdirSync(dir, { mode: 0o700, recursive: true });
  return dir;
}
