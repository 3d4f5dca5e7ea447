import type { LauncherText } from './launcher-text';

/** What a started lab shows the learner: where to open it, what runs, what to try. */
export interface BannerFacts {
  title: string;
  url: string;
  realBalancer?: { kind: string; pid: number | undefined; config: string };
  /** The course balancer's dashboard and its control token, when it runs. */
  dashboard?: { url: string; token: string };
  servers: ReadonlyArray<{ id: string; url: string; pid: number | undefined }>;
  network?: {
    subnet: string;
    hosts: ReadonlyArray<{ name: string; address: string; namespace?: string }>;
    /** Set when the lab runs in a user namespace: only the launcher's ports reach in. */
    userNamespace?: { pid: number };
  };
  /** From connectLines: one line per store, and a client command for each. */
  services: readonly string[];
  connect: readonly string[];
  tryThis: readonly string[];
}

/** Columns in a terminal: Hangul and other wide characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/u.test(char)
      ? 2
      : 1;
  return width;
}

/** The launcher's banner, its fixed words in the language of `text`. */
export function labBanner(facts: BannerFacts, text: LauncherText): string {
  const labelWidth = 14;
  const row = (label: string, value: string) =>
    `  ${label}${' '.repeat(Math.max(1, labelWidth - displayWidth(label)))}${value}`;
  const { url } = facts;
  const lines = [
    '',
    `  ${facts.title}`,
    '',
    row(text.open, `${url}/`),
    ...(facts.realBalancer
      ? [
          row(
            text.balancer,
            `${facts.realBalancer.kind} (pid ${facts.realBalancer.pid}) on ${facts.realBalancer.config}`,
          ),
        ]
      : []),
    ...(facts.dashboard
      ? [row(text.dashboard, facts.dashboard.url), row(text.controlToken, facts.dashboard.token)]
      : []),
    '',
    `  ${text.servers}`,
    ...facts.servers.map((server) => `    ${server.id}  ${server.url}  (pid ${server.pid})`),
    '',
    ...(facts.network
      ? [
          row(text.network, `${facts.network.subnet}: ${text.networkHosts}`),
          ...facts.network.hosts.map(
            (host) =>
              `    ${host.name.padEnd(9)} ${host.address}  ${host.namespace ?? text.thisLauncher}`,
          ),
          `  ${text.networkControls}`,
          ...(facts.network.userNamespace
            ? ['', `  ${text.userNamespaceReach(facts.network.userNamespace.pid)}`]
            : []),
          '',
        ]
      : []),
    ...(facts.services.length
      ? [
          `  ${text.services}`,
          ...facts.services.map((line) => `    ${line}`),
          '',
          `  ${text.connect}`,
          ...facts.connect.map((line) => `    ${line}`),
          '',
        ]
      : []),
    `  ${text.tryThis}`,
    ...facts.tryThis.map((line) => `    - ${line.replaceAll('{url}', url)}`),
    '',
    `  ${text.ctrlC}`,
    '',
  ];
  return lines.join('\n');
}
