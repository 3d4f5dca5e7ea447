import path from 'node:path';
import { ManagedProcess } from '../process/managed-process';
import { repoRoot } from '../repo';
import type { RelayCounters, RelayDelay } from './delay-relay';
import { NetworkInputError } from './names';
import { runCommandAsync } from './shell';

/** One delayed path into a host: connections from `peer` to `port` go through a relay. */
export interface DelayRoute {
  peer: string;
  port: number;
  delay: RelayDelay;
}

/** ... as the host's agent reports it: the relay's port and what it counted. */
export interface AgentRoute {
  peer: string;
  port: number;
  relayPort: number;
  counters: RelayCounters;
}

export function checkDelay(ms: number, jitterMs: number): RelayDelay {
  if (!Number.isInteger(ms) || ms < 0 || ms > 10_000)
    throw new NetworkInputError(
      `delay: "ms" must be a whole number of ms from 0 to 10000, got ${ms}`,
    );
  if (!Number.isInteger(jitterMs) || jitterMs < 0 || jitterMs > ms)
    throw new NetworkInputError(
      `"jitterMs" must be a whole number of ms from 0 to the delay (${ms}), got ${jitterMs}`,
    );
  return { addedRttMs: ms, jitterMs };
}

/** The compiled agent: it runs inside a host's namespace, so it must be plain JavaScript. */
const agentScript = () => path.join(repoRoot(), 'shared/harness/dist/network/link-delay-agent.js');

/**
 * The delay agent of one host (a process inside its namespace), started the first time a
 * link of that host gets a delay. Requests and answers are one JSON line each, in turn.
 */
export class DelayAgent {
  private readonly process: ManagedProcess;
  private readonly waiting: Array<(routes: AgentRoute[]) => void> = [];
  private buffered = '';
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    command: { command: string; args: string[] },
    readonly host: string,
  ) {
    this.process = new ManagedProcess({
      ...command,
      label: `link delay agent on ${host}`,
      stdin: 'pipe',
    });
    this.process.child.stdout?.on('data', (chunk: Buffer) => {
      this.buffered += chunk.toString();
      let newline: number;
      while ((newline = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, newline);
        this.buffered = this.buffered.slice(newline + 1);
        this.waiting.shift()?.((JSON.parse(line) as { routes: AgentRoute[] }).routes);
      }
    });
  }

  static start(host: string, namespace: string, address: string): DelayAgent {
    return new DelayAgent(
      {
        command: 'ip',
        args: ['netns', 'exec', namespace, process.execPath, agentScript(), address],
      },
      host,
    );
  }

  /** Puts exactly these routes in place (an empty list closes every relay); answers what is in place. */
  send(routes: DelayRoute[]): Promise<AgentRoute[]> {
    const next = this.turn.then(
      () =>
        new Promise<AgentRoute[]>((resolve, reject) => {
          if (!this.process.alive)
            return reject(
              new Error(
                `the link delay agent on ${this.host} exited:\n${this.process.recentOutput()}`,
              ),
            );
          const timer = setTimeout(
            () =>
              reject(new Error(`the link delay agent on ${this.host} did not answer within 10 s`)),
            10_000,
          );
          this.waiting.push((answer) => {
            clearTimeout(timer);
            resolve(answer);
          });
          this.process.child.stdin?.write(`${JSON.stringify({ routes })}\n`);
        }),
    );
    this.turn = next.catch(() => undefined);
    return next;
  }

  /** For an exit handler too: synchronous. */
  kill(): void {
    this.process.signal('SIGKILL');
  }
}

/** The ports a host listens on (TCP), as `ss` inside its namespace lists them. */
export async function listeningPorts(namespace: string): Promise<number[]> {
  const out = await runCommandAsync('ip', ['netns', 'exec', namespace, 'ss', '-Hltn']);
  const ports = out
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[3])
    .filter((local): local is string => local !== undefined)
    .map((local) => Number(local.slice(local.lastIndexOf(':') + 1)))
    .filter((port) => Number.isInteger(port) && port > 0);
  return [...new Set(ports)].sort((a, b) => a - b);
}
