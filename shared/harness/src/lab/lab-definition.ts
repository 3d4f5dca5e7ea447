import type { ControlHandler, Strategy } from '@sessions/load-balancer';
import type { HostNetwork } from '../network/host-network';
import type { ServiceEndpoint } from './connect-lines';
import type { Lab } from './lab';

/** A server of a lab as another server (or the chapter's env function) sees it. */
export interface ServerAddress {
  id: string;
  port: number;
  url: string;
}

/** What the lab needs besides the chapter's servers (a Redis, a PostgreSQL, ...), started before them. */
export interface LabServices {
  /** Environment for every server, e.g. REDIS_URL. */
  env?: Record<string, string>;
  /** Controls for the dashboard, e.g. stopping the store. */
  controls?: Record<string, ControlHandler>;
  /** Extra fields for /__lb/state, e.g. the store's state. Never a password or a URL holding one. */
  describe?: () => Record<string, unknown>;
  /** The stores started, for the launcher's "Services" and "Connect" lines. */
  endpoints?: () => ServiceEndpoint[];
  stop(): Promise<void>;
}

/** What a lab's services learn about the lab before they start. */
export interface LabContext {
  /** In hosts mode: the lab's network, where each store gets a host of its own. */
  network?: HostNetwork;
}

/**
 * How a chapter is meant to be seen: each chapter's lab/lab.ts exports one. The launcher
 * (`npm start -- NN`) and the tests start exactly this.
 */
export interface LabDefinition {
  chapter: string;
  title: string;
  /** How many servers the lab starts (3 unless the chapter needs otherwise). */
  servers: number;
  /** The balancer's strategy, or false for a chapter without one (chapter 01). */
  strategy: string | (() => Strategy) | false;
  /**
   * Environment for one server, knowing all of them (chapter 04's PEERS), and `planned`: those
   * plus the spare servers that addServer() will start later (chapter 04's CLUSTER_MEMBERS).
   */
  serverEnv?: (
    server: ServerAddress,
    all: readonly ServerAddress[],
    planned: readonly ServerAddress[],
  ) => Record<string, string>;
  /** Servers whose addresses are fixed at the start, for addServer() to start later. */
  spareServers?: number;
  services?: (context: LabContext) => Promise<LabServices>;
  /** Controls that need the running lab (chapter 04's scale-out). */
  controls?: (lab: Lab) => Record<string, ControlHandler>;
  /** hosts: the chapter is meant to be seen with each process on its own network host (06). */
  network?: 'loopback' | 'hosts';
  /** Lines printed under "Try this". */
  tryThis: string[];
}
