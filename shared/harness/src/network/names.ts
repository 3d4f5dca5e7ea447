/**
 * Every namespace a lab makes is called `sas-<launcher pid>-<host>`, so a clean-up can tell
 * a dead run's leftovers (its launcher pid is gone) from a live one's.
 */
export const namespacePrefix = 'sas-';

/** A host or link the caller named wrongly (unknown host, bad percentage): their mistake, not the network's. */
export class NetworkInputError extends Error {}

/** Host names are short: they become parts of interface names (15 characters at most). */
const hostNamePattern = /^[a-z][a-z0-9]{0,7}$/;

export function checkHostName(name: string): string {
  if (!hostNamePattern.test(name))
    throw new NetworkInputError(
      `host name "${name}" must be 1-8 lowercase letters or digits, starting with a letter`,
    );
  return name;
}

export function namespaceName(launcherPid: number, host: string): string {
  return `${namespacePrefix}${launcherPid}-${checkHostName(host)}`;
}

/** The launcher's end of the link into the lab's network (in the launcher's own namespace). */
export function launcherLinkName(launcherPid: number): string {
  return `sas${launcherPid}`;
}

/** The namespace that holds the lab's switch (a bridge every host is plugged into). */
export const switchHost = 'switch';
