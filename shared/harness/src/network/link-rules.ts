import { NetworkInputError } from './names';

/** What one host's firewall does to its traffic with each peer (by address). */
export interface HostRules {
  /** Peers this host can neither reach nor hear: a cut link. */
  cut: readonly string[];
  /** Peers whose packets (both ways) are dropped at random with this percentage. */
  loss: ReadonlyMap<string, number>;
  /** New TCP connections from `from` to `port` here go to the delay relay on `toPort` instead. */
  redirect?: ReadonlyArray<{ from: string; port: number; toPort: number }>;
}

export const tableName = 'sas';

// #region link-rules
/**
 * The nftables ruleset of one host. A cut drops every packet to and from the peer (a real
 * partition: no refusal, no reset, only silence); loss drops a random share of them. The
 * first two lines make the script replace the table as a whole, in one transaction.
 */
export function renderHostRules({ cut, loss, redirect = [] }: HostRules): string {
  const input: string[] = [];
  const output: string[] = [];
  for (const peer of [...cut].sort()) {
    input.push(`ip saddr ${peer} drop`);
    output.push(`ip daddr ${peer} drop`);
  }
  for (const [peer, percent] of [...loss].sort()) {
    if (percent <= 0) continue;
    // numgen's range is 0-99: 100 % is a plain drop.
    const share = percent >= 100 ? '' : ` numgen random mod 100 < ${percent}`;
    input.push(`ip saddr ${peer}${share} drop`);
    output.push(`ip daddr ${peer}${share} drop`);
  }
  const chain = (name: string, rules: string[], type = 'filter', priority = 0) =>
    [
      `  chain ${name} {`,
      `    type ${type} hook ${name} priority ${priority}; policy accept;`,
      ...rules.map((rule) => `    ${rule}`),
      '  }',
    ].join('\n');
  // A delayed link: NAT before routing, so only new connections are redirected.
  const redirects = [...redirect]
    .sort((x, y) => x.from.localeCompare(y.from) || x.port - y.port)
    .map(({ from, port, toPort }) => `ip saddr ${from} tcp dport ${port} redirect to :${toPort}`);
  return [
    `add table inet ${tableName}`,
    `delete table inet ${tableName}`,
    `table inet ${tableName} {`,
    chain('input', input),
    chain('output', output),
    ...(redirects.length > 0 ? [chain('prerouting', redirects, 'nat', -100)] : []),
    '}',
    '',
  ].join('\n');
}
// #endregion link-rules

export function checkPercent(percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new NetworkInputError(`loss must be a whole percentage from 0 to 100, got ${percent}`);
  return percent;
}
