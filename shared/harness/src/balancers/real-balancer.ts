/** The balancers a lab can put in front of a chapter's servers instead of the course's own. */
export type RealBalancerKind = 'haproxy' | 'nginx';

/** A chapter server as a real balancer's config names it: SERVER_<id>=<host:port>. */
export interface UpstreamServer {
  id: string;
  /** host:port */
  address: string;
}

/** What the dashboard shows of one server when another balancer routes the requests. */
export interface UpstreamView {
  id: string;
  health: 'up' | 'down';
  /** Requests the balancer sent it, when the balancer reports them (HAProxy does, nginx does not). */
  requests?: number;
  currentSessions?: number;
  /** Where the figures come from, in a few words: "HAProxy: DOWN (L4CON)". */
  source: string;
}

/** HAProxy or nginx, started by the harness on the chapter's shipped config. */
export interface RealBalancer {
  readonly kind: RealBalancerKind;
  readonly url: string;
  readonly pid: number | undefined;
  /** The shipped config file it runs, relative to the repository. */
  readonly config: string;
  /** The latest view of each server, or undefined when the balancer reports none (nginx). */
  upstreams(): UpstreamView[] | undefined;
  stop(): Promise<void>;
}

/** The env a shipped config reads: LB_ADDR and SERVER_1, SERVER_2, ... */
export function configValues(
  listen: string,
  servers: readonly UpstreamServer[],
): Record<string, string> {
  return {
    LB_ADDR: listen,
    ...Object.fromEntries(servers.map((server) => [`SERVER_${server.id}`, server.address])),
  };
}
