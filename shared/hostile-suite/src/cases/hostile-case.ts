import type { RawReply } from '../send/raw-http';

/**
 * Where a case is sent:
 * - `balancer`: the chapter lab's balancer (its real servers behind it);
 * - `echo`: a balancer in front of a tiny Express backend that reports what it was told;
 * - `sticky-app`, `sticky-insert`: the two sticky strategies in front of two such backends;
 * - `silent`: a balancer in front of a server that accepts connections and never answers;
 * - `app`: one chapter server directly, as if the balancer had let the request through.
 */
export type Target = 'balancer' | 'echo' | 'sticky-app' | 'sticky-insert' | 'silent' | 'app';

/** What a case may use to build its request: addresses and secrets of the running lab. */
export interface CaseContext {
  /** host:port of the target, for the Host header. */
  host: string;
  baseUrl: string;
  port: number;
  /** host:port of a listener outside every pool: it must never be reached. */
  canary: string;
  controlToken: string;
  /** The SESSION_SECRET the lab's servers sign cookies with (to forge a "valid" signature). */
  sessionSecret: string;
  /** Chapter 04's CLUSTER_SECRET, which signs replication messages (undefined elsewhere). */
  clusterSecret?: string;
  /** Ids of the servers in the target's pool. */
  poolIds: readonly string[];
}

/** A reply plus what a multi-step case wants the report to say about it. */
export interface Reply extends RawReply {
  notes?: string;
  /** Problems a multi-step case found along the way (an earlier step failed, ...). */
  problems?: string[];
}

export type Sending =
  /** Bytes on a socket: for what fetch will not send. `trickle` drips more bytes until the server gives up. */
  | {
      via: 'raw';
      bytes: (context: CaseContext) => string;
      trickle?: string;
      trickleEveryMs?: number;
      giveUpMs?: number;
      readAll?: boolean;
    }
  | {
      via: 'fetch';
      method?: string;
      path: string;
      headers?: (context: CaseContext) => Record<string, string>;
      body?: string;
    }
  /** Several requests (log in, then tamper with the cookie, ...); the last reply is the one judged. */
  | { via: 'steps'; run: (context: CaseContext) => Promise<Reply> };

export interface HostileCase {
  /** The kind of hostile input; the suite counts kinds, not variants. */
  kind: string;
  /** This variant, as the report shows it. */
  name: string;
  target: Target;
  send: Sending;
  /** The status the client must get; null means the connection is closed without a response. */
  expectedStatus: number | null;
  /**
   * `never`: no server of the pool may see the request (the balancer answers itself);
   * `pool`: it is forwarded, to a server of the pool. Not checked for `app` cases.
   */
  forwarded?: 'never' | 'pool';
  /** Further checks on the reply; each returns what went wrong, or undefined. */
  checks?: ReadonlyArray<Check>;
}

/** What a check sees: the reply, the lab, and the balancer counters this case bumped. */
export type Check = (
  reply: Reply,
  context: CaseContext,
  counted: Readonly<Record<string, number>>,
) => string | undefined;

/** What happened when a case was sent. */
export interface CaseOutcome {
  case: HostileCase;
  reply: Reply;
  /** Requests the pool's servers received because of this case (balancer targets only). */
  reachedPool: number | undefined;
  /** Connections the canary (outside every pool) received during this case. */
  outsidePool: number;
  /** What stopped answering afterwards (balancer, server N), if anything. */
  crashed: string[];
  /** Everything that differs from the expectation; empty when the case passed. */
  problems: string[];
}
