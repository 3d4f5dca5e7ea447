import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { findSystemPart } from '../system/system-binary';
import { namespaceName } from './names';
import { runCommand, tryCommand } from './shell';

export type NetworkCapability = { available: true } | { available: false; missing: string };

let known: NetworkCapability | undefined;

/**
 * Can this process give each server its own network host? It needs Linux, `ip` (iproute2),
 * `nft` (nftables) and the right to make named network namespaces (root, or root of a user
 * namespace with a private /run/netns). Checked once, by making and removing a namespace with
 * a veth pair, the same way a lab does. See labNetworkAccess for what an ordinary user can do.
 */
export function networkCapability(): NetworkCapability {
  known ??= probe();
  return known;
}

function probe(): NetworkCapability {
  if (process.platform !== 'linux')
    return {
      available: false,
      missing: `network namespaces (Linux only; this is ${process.platform})`,
    };
  if (!commandExists('ip'))
    return { available: false, missing: 'the `ip` command (Debian package iproute2)' };
  if (!findSystemPart('nftables'))
    return {
      available: false,
      missing: 'the `nft` command (Debian package nftables; npm run doctor installs it)',
    };
  const namespace = namespaceName(process.pid, 'probe');
  try {
    runCommand('ip', ['netns', 'add', namespace]);
    runCommand('ip', [
      '-n',
      namespace,
      'link',
      'add',
      'name',
      'a',
      'type',
      'veth',
      'peer',
      'name',
      'b',
    ]);
    runCommand('ip', ['netns', 'exec', namespace, 'nft', 'list', 'ruleset']);
    return { available: true };
  } catch (error) {
    return {
      available: false,
      missing: `the right to make network namespaces (root, or CAP_SYS_ADMIN and CAP_NET_ADMIN; ${userNamespaceNote()}): ${(error as Error).message}`,
    };
  } finally {
    tryCommand('ip', ['netns', 'del', namespace]);
  }
}

/** Throws a learner-readable error when network mode cannot work here. */
export function requireNetworkCapability(): void {
  const capability = networkCapability();
  if (!capability.available)
    throw new Error(
      `--network hosts cannot run on this machine: missing ${capability.missing}. The default loopback mode still works.`,
    );
}

function commandExists(name: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin'];
  return dirs.some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * How a lab network can be made here, in the three cases a learner meets:
 * - `namespaces`: this process may make network namespaces itself (root, as in CI, or the
 *   inner half of a launcher already in a user namespace). Everything runs as it is.
 * - `user-namespace`: an ordinary user whose kernel allows user namespaces. `ip netns add`
 *   is refused here, but the launcher runs the lab inside `unshare --user --map-root-user
 *   --net --mount` (see user-namespace.ts) and relays the balancer's port out.
 * - `unavailable`: neither; `missing` says what, and the default loopback mode still works.
 */
export type LabNetworkAccess =
  { kind: 'namespaces' } | { kind: 'user-namespace' } | { kind: 'unavailable'; missing: string };

let knownAccess: LabNetworkAccess | undefined;

export function labNetworkAccess(): LabNetworkAccess {
  knownAccess ??= accessProbe();
  return knownAccess;
}

function accessProbe(): LabNetworkAccess {
  const here = networkCapability();
  if (here.available) return { kind: 'namespaces' };
  if (process.getuid?.() === 0 || !toolsPresent())
    return { kind: 'unavailable', missing: here.missing };
  return userNamespacesWork()
    ? { kind: 'user-namespace' }
    : { kind: 'unavailable', missing: here.missing };
}

function toolsPresent(): boolean {
  return process.platform === 'linux' && commandExists('ip') && !!findSystemPart('nftables');
}

/** The same namespaces the launcher asks for, and the one mount a lab makes in them. */
let userNamespacesKnown: boolean | undefined;
function userNamespacesWork(): boolean {
  userNamespacesKnown ??=
    tryCommand('unshare', [
      '--user',
      '--map-root-user',
      '--net',
      '--mount',
      'sh',
      '-c',
      'mount -t tmpfs tmpfs /run/netns 2>/dev/null || mount -t tmpfs tmpfs /run',
    ]) === undefined;
  return userNamespacesKnown;
}

/** Why this process cannot make network namespaces, and which of the other two cases this is. */
function userNamespaceNote(): string {
  if (process.getuid?.() === 0) return 'running as root, yet refused: a container without them?';
  return userNamespacesWork()
    ? 'this user can make user namespaces, so `npm start -- NN --network hosts` runs its lab in one; a lab started in this process (tests, experiments) needs root'
    : 'user namespaces are refused here too (unshare --user --map-root-user --net --mount failed; e.g. kernel.unprivileged_userns_clone=0 or an AppArmor rule): run it with sudo';
}
