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
      missing: `the right to make network namespaces (root, or CAP_SYS_ADMIN and CAP_NET_ADMIN): ${(error as Error).message}`,
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
