import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export type Health = 'up' | 'down';

/** One server in the balancer's pool, as the balancer sees it. */
export interface BackendServer {
  /** The chapter server's SERVER_ID: "1", "2", ... */
  readonly id: string;
  /** Base URL, e.g. http://127.0.0.1:41237. Only the balancer's own API sets it. */
  readonly url: string;
  health: Health;
  /** Requests this balancer has sent to the server. */
  requests: number;
  /** Requests in flight right now (for least-connections). */
  active: number;
}

/** Why a server was chosen: shown on the dashboard and in every event. */
export type RouteReason =
  | 'round-robin'
  | 'least-connections'
  | 'sticky'
  | 'sticky-server-down'
  | 'invalid-sticky-cookie'
  | 'new-sticky'
  | 'redispatch'
  | (string & {});

/** What a strategy may look at: the request's headers and cookies, never its target. */
export interface RouteContext {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly cookies: ReadonlyMap<string, string>;
  /**
   * Ids of every server in the pool, up or down. A sticky strategy uses them to tell
   * "the named server is down" from "the value names no server"; it still picks only
   * among candidates.
   */
  readonly poolIds: readonly string[];
  /** Counters the balancer reports in /__lb/state (e.g. invalid sticky cookies). */
  count(counter: string): void;
}

export interface RouteDecision {
  server: BackendServer;
  reason: RouteReason;
}

/**
 * A balancing strategy is a pick function plus two optional hooks. It only ever
 * chooses among `candidates` (healthy servers of the pool), so nothing a client
 * sends can make the balancer reach an address outside its pool.
 */
export interface Strategy {
  readonly name: string;
  pick(context: RouteContext, candidates: readonly BackendServer[]): RouteDecision;
  /** Change the headers sent to the server (e.g. strip the balancer's own cookie). */
  beforeForward?(
    context: RouteContext,
    decision: RouteDecision,
    headers: IncomingHttpHeaders,
  ): void;
  /** Change the response headers sent to the client (e.g. insert a sticky cookie). */
  onResponse?(context: RouteContext, decision: RouteDecision, headers: OutgoingHttpHeaders): void;
}

/** One line of the /__lb/events stream: one proxied request. */
export interface RequestEvent {
  time: string;
  id: number;
  client: string;
  method: string;
  path: string;
  server: string | null;
  reason: RouteReason | 'no-server' | 'server-error' | 'timeout' | 'rejected';
  status: number;
  ms: number;
}
