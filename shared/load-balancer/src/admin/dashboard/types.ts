// What the page reads from the balancer: /__lb/state, /__lb/events and the server views.
// Optional fields are ones a lab may or may not add; the page works without each of them.

export interface ServerSummary {
  id: string;
  address: string;
  /** "up" or "down" from the course balancer; a lab in front of another balancer may say more. */
  health: string;
  /** Requests the balancer sent it; absent when the balancer in front does not say (nginx). */
  requests?: number;
  active?: number;
  /** Set when the figures come from another balancer (HAProxy's stats socket). */
  source?: string;
  /** Sessions (connections) open now, when the balancer reports them. */
  currentSessions?: number;
}

/** One line of /__lb/events: one proxied request. */
export interface RequestEvent {
  time: string;
  id: number;
  client: string;
  method: string;
  path: string;
  server: string | null;
  reason: string;
  status: number;
  ms: number;
}

export interface Simulation {
  running: boolean;
  users: number;
  seconds?: number;
  endsAt: string;
  requests: number;
}

export interface NetworkHost {
  name: string;
  address: string;
  /** The namespace the host lives in; none for the launcher's own host. */
  namespace?: string | null;
}

export interface NetworkLink {
  between: [string, string];
  cut: boolean;
  lossPercent: number;
  /** Added delay each way, when the lab can delay a link. */
  delayMs?: number;
  jitterMs?: number;
}

export interface NetworkState {
  subnet?: string;
  hosts: NetworkHost[];
  links: NetworkLink[];
}

export interface LabState {
  strategy: string;
  servers: ServerSummary[];
  counters?: Record<string, number>;
  controls?: string[];
  recentEvents?: RequestEvent[];
  chapter?: string;
  title?: string;
  tryThis?: string[];
  simulation?: Simulation;
  network?: NetworkState;
  /** Where the app answers when it is not this page's origin (another balancer in front). */
  appUrl?: string;
  [field: string]: unknown;
}

export interface SessionRow {
  id: string;
  userid?: string | null;
  cartSize: number;
  yours?: boolean;
}

/** GET /__lb/servers/<id>/sessions */
export interface SessionsView {
  total?: number;
  sessions: SessionRow[];
}

/** GET /__lb/servers/<id>/stats: a few known figures, and whatever the chapter adds. */
export interface StatsView {
  pid?: number;
  bytes?: number;
  heapUsedBytes?: number;
  [figure: string]: unknown;
}
