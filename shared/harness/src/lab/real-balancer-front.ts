import path from 'node:path';
import { Haproxy } from '../balancers/haproxy';
import { Nginx } from '../balancers/nginx';
import type { RealBalancer, RealBalancerKind } from '../balancers/real-balancer';
import { freePort } from '../process/free-port';
import type { ChapterServer } from '../process/chapter-server';
import { chapterDir } from '../repo';
import type { LabDefinition } from './lab-definition';

export interface RealBalancerChoice {
  kind: RealBalancerKind;
  /** HAProxy's health-check interval (its configs' CHECK_INTER); tests make it short. */
  checkInter?: string;
}

/**
 * The shipped config a lab runs for `--balancer <kind>`, or an error a learner can act on:
 * the chapter ships none, or says why it cannot (nginx 1.22 cannot insert a cookie).
 */
export function realBalancerConfig(definition: LabDefinition, kind: RealBalancerKind): string {
  const shipped = definition.realBalancers?.[kind];
  if (!shipped)
    throw new Error(
      `${definition.chapter} ships no ${kind} config: --balancer ${kind} is for ${
        definition.realBalancers
          ? `this chapter's ${Object.keys(definition.realBalancers).join(', ')}`
          : 'chapters 02 and 03'
      }`,
    );
  if ('unavailable' in shipped) throw new Error(shipped.unavailable);
  return path.join(chapterDir(definition.chapter), shipped.config);
}

/** HAProxy or nginx on the chapter's shipped config, in front of the lab's servers. */
export async function startRealBalancer(
  definition: LabDefinition,
  choice: RealBalancerChoice,
  servers: readonly ChapterServer[],
  port: number | undefined,
): Promise<RealBalancer> {
  const config = realBalancerConfig(definition, choice.kind);
  if (servers.length !== definition.servers)
    throw new Error(
      `the shipped ${choice.kind} config names exactly ${definition.servers} servers: leave --servers out with --balancer ${choice.kind}`,
    );
  const upstreams = servers.map((server) => ({
    id: server.id,
    address: `${server.address}:${server.port}`,
  }));
  const listen = { port: port || (await freePort()), servers: upstreams };
  return choice.kind === 'haproxy'
    ? Haproxy.start({ ...listen, configFile: config, checkInter: choice.checkInter })
    : Nginx.start({ ...listen, templateFile: config });
}

/**
 * /__lb/state's fields when another balancer routes the requests: its servers as it reports
 * them (HAProxy's stats socket), or as the servers report themselves (nginx has no status to
 * read), and where the app answers.
 */
export function realBalancerState(
  real: RealBalancer,
  servers: readonly ChapterServer[],
  poolHealth: (id: string) => 'up' | 'down' | undefined,
): Record<string, unknown> {
  const reported = real.upstreams();
  return {
    strategy: `${real.kind === 'haproxy' ? 'HAProxy' : 'nginx'}: ${path.basename(real.config)}`,
    appUrl: real.url,
    balancer: { kind: real.kind, config: real.config, pid: real.pid, address: real.url },
    servers: servers.map((server) => {
      const view = reported?.find((upstream) => upstream.id === server.id);
      return {
        id: server.id,
        address: server.url,
        health: view?.health ?? poolHealth(server.id) ?? 'down',
        requests: view?.requests,
        currentSessions: view?.currentSessions,
        source:
          view?.source ??
          (real.kind === 'nginx'
            ? 'nginx reports no upstream state: health from /health'
            : 'HAProxy: not read yet'),
      };
    }),
  };
}
