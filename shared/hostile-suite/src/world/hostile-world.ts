import { randomBytes } from 'node:crypto';
import { startBalancer, type Balancer } from '@sessions/load-balancer';
import { labSessionSecret, startLab, type Lab, type LabDefinition } from '@sessions/harness';
import { loadChapterLab, type ChapterName } from '@sessions/labs';
import type { CaseContext, Target } from '../cases/hostile-case';
import { answersHealth, balancerAnswers } from './answers-health';
import { startCanary, type Canary } from './canary';
import { startEchoBackend } from './echo-backend';
import { echoLimits } from './echo-limits';
import { startSilentBackend } from './silent-backend';

type EchoTarget = 'echo' | 'sticky-app' | 'sticky-insert' | 'silent';
const echoStrategies: Record<EchoTarget, string> = {
  echo: 'round-robin',
  'sticky-app': 'sticky-app-cookie',
  'sticky-insert': 'sticky-insert-cookie',
  silent: 'round-robin',
};

export interface HostileWorldOptions {
  /** The chapter whose lab is attacked, e.g. "02-inconsistency". */
  chapter: ChapterName;
  /** The balancer's slow-headers cut-off; short here so the slowloris case takes a second, not ten. */
  headersTimeoutMs?: number;
  /** Override the chapter's server count (the app cases need only one). */
  servers?: number;
}

/** Everything the hostile cases run against, started on free ports and stopped together. */
export interface HostileWorld {
  readonly chapter: string;
  readonly lab: Lab;
  /** The chapter's balancer; undefined for a chapter without one (chapter 01). */
  readonly balancer: Balancer | undefined;
  /** Balancers in front of echo backends, by target: `echo`, `sticky-app`, `sticky-insert`. */
  readonly echoBalancers: Readonly<Record<EchoTarget, Balancer>>;
  readonly canary: Canary;
  readonly controlToken: string;
  context(target: Target): CaseContext;
  /** Requests the servers behind a target's balancer have received so far. */
  poolRequests(target: Target): number | undefined;
  /** The counters of a target's balancer (invalid sticky cookies, rejected requests, ...). */
  counters(target: Target): Record<string, number>;
  /** Whatever no longer answers: the balancers, or a chapter server. Empty when all is well. */
  unresponsive(): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startHostileWorld(options: HostileWorldOptions): Promise<HostileWorld> {
  const controlToken = randomBytes(16).toString('hex');
  const headersTimeoutMs = options.headersTimeoutMs ?? 1000;
  const canary = await startCanary();
  const stops: Array<() => Promise<void>> = [() => canary.close()];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
    stops.length = 0;
  };
  try {
    const backends = [await startEchoBackend('1'), await startEchoBackend('2')];
    stops.push(async () => void (await Promise.all(backends.map((backend) => backend.close()))));
    const silent = await startSilentBackend();
    stops.push(() => silent.close());
    const echoBalancers = {} as Record<EchoTarget, Balancer>;
    for (const [target, strategy] of Object.entries(echoStrategies) as [EchoTarget, string][]) {
      // The plain echo balancer has one backend, so every answer comes from the same place.
      const servers =
        target === 'silent'
          ? [{ id: 'silent', url: silent.url }]
          : target === 'echo'
            ? backends.slice(0, 1)
            : backends;
      const echoBalancer = await startBalancer({
        servers: servers.map(({ id, url }) => ({ id, url })),
        strategy,
        headersTimeoutMs,
        ...echoLimits,
        // Only the silent server is waited for briefly; the others answer at once.
        proxyTimeoutMs: target === 'silent' ? echoLimits.proxyTimeoutMs : undefined,
        // The silent server never answers its health check either; it stays in the pool.
        healthCheck: target === 'silent' ? { intervalMs: 3_600_000 } : undefined,
      });
      echoBalancers[target] = echoBalancer;
      stops.push(() => echoBalancer.close());
    }
    const definition = await loadChapterLab(options.chapter);
    const lab = await startLab(definition, {
      controlToken,
      balancer: { headersTimeoutMs },
      servers: options.servers,
    });
    stops.push(() => lab.stop());
    const balancer = lab.balancer;

    const balancerOf = (target: Target): Balancer | undefined => {
      if (target === 'app') return undefined;
      if (target !== 'balancer') return echoBalancers[target];
      if (!balancer) throw new Error(`chapter ${options.chapter} has no balancer to attack`);
      return balancer;
    };
    return {
      chapter: options.chapter,
      lab,
      balancer,
      echoBalancers,
      canary,
      controlToken,
      context(target) {
        const url = balancerOf(target)?.url ?? lab.servers[0].url;
        const parsed = new URL(url);
        return {
          host: parsed.host,
          baseUrl: url,
          port: Number(parsed.port),
          canary: canary.address,
          controlToken,
          sessionSecret: labSessionSecret,
          clusterSecret: clusterSecretOf(definition, lab),
          poolIds: balancerOf(target)
            ?.pool.all()
            .map((server) => server.id) ?? [lab.servers[0].id],
        };
      },
      poolRequests(target) {
        return balancerOf(target)
          ?.pool.all()
          .reduce((sum, server) => sum + server.requests, 0);
      },
      counters(target) {
        return { ...balancerOf(target)?.counters };
      },
      async unresponsive() {
        const down: string[] = [];
        const balancers: Array<[string, Balancer]> = [
          ...(balancer ? [['balancer', balancer] as [string, Balancer]] : []),
          ...Object.entries(echoBalancers).map(([name, echoBalancer]): [string, Balancer] => [
            `${name} balancer`,
            echoBalancer,
          ]),
        ];
        for (const [name, { url }] of balancers) {
          if (!(await balancerAnswers(url))) down.push(name);
        }
        for (const server of lab.servers) {
          if (!server.alive) down.push(`server ${server.id} (process gone)`);
          else if (!(await answersHealth(server.url)))
            down.push(`server ${server.id} (no /health)`);
        }
        return down;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The CLUSTER_SECRET the chapter gives its servers, if it gives one (chapter 04). */
function clusterSecretOf(definition: LabDefinition, lab: Lab): string | undefined {
  const addresses = lab.servers.map(({ id, port, url }) => ({ id, port, url }));
  return definition.serverEnv?.(addresses[0], addresses, addresses)?.CLUSTER_SECRET;
}
