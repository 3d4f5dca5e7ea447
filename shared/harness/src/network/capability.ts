import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { findSystemPart } from '../system/system-binary';
import { namespaceName } from './names';
import { runCommand, tryCommand } from './shell';

export type NetworkCapability = { available: true } | { available: false; missing: string };

let known: NetworkCapability | undefined;

/**
 * Can this machine give each server its own network host? It needs Linux, `ip` (iproute2),
 * `nft` (nftables) and the right to make network namespaces (root here). Checked once, by
 * making and removing a namespace with a veth pair, the same way a lab does.
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
 * Named namespaces (`ip netns add`) live in /run/netns, which only root may change. A user
 * namespace (`unshare -Urn`) would let an ordinary user make veth pairs, but the lab would then
 * live in a network of its own, out of reach of the learner's browser: say which case this is.
 */
function userNamespaceNote(): string {
  if (process.getuid?.() === 0) return 'running as root, yet refused: a container without them?';
  const unshared = tryCommand('unshare', ['-Urn', 'true']);
  return unshared === undefined
    ? 'this user can make user namespaces (unshare -Urn), which the lab network does not use yet: run it with sudo'
    : 'user namespaces are refused here too (unshare -Urn failed)';
}
