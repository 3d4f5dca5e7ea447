/** One way of reaching the same three backends: directly, or through a balancer. */
export interface Contender {
  /** "direct", "course · round-robin", "HAProxy", ... */
  readonly name: string;
  /** What autocannon loads: several URLs for the backends reached directly. */
  readonly url: string | string[];
  /** Per-connection headers, e.g. a sticky cookie so each simulated client keeps its server. */
  headersForConnection?: (connection: number) => Record<string, string>;
  /** The balancer's process, for its CPU per request; absent when there is no balancer. */
  readonly pid?: number;
  stop(): Promise<void>;
}
