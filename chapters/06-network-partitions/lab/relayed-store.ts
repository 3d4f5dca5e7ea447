import {
  DelayRelay,
  launcherHost,
  startPostgres,
  startRedis,
  type LabContext,
  type LabDefinition,
  type LabServices,
} from '@sessions/harness';

export type SessionStoreKind = 'redis' | 'postgres';

/** The store's own server and the relay in front of it, once the lab has started them. */
export interface RelayedStore {
  relay: DelayRelay;
  /** What a server that bypasses the relay connects to. */
  directUrl: string;
  relayedUrl: string;
}

// #region relayed-store
/**
 * Chapter 05 with its store on a host of its own. Server 1 reaches the store through a relay
 * on the balancer's host that adds round-trip time; server 2 reaches it directly, so the
 * relay's own cost can be measured and subtracted.
 */
export function relayedStoreLab(kind: SessionStoreKind): {
  definition: LabDefinition;
  store: () => RelayedStore;
} {
  let started: RelayedStore | undefined;
  const services = async ({ network }: LabContext): Promise<LabServices> => {
    if (!network) throw new Error('the relayed store runs in hosts mode');
    const name = kind === 'redis' ? 'redis' : 'pg';
    const placement = { network, host: network.addHost({ name, octet: 30 }).name };
    const server =
      kind === 'redis' ? await startRedis({ placement }) : await startPostgres({ placement });
    const relay = await DelayRelay.start({
      listenHost: network.host(launcherHost).address,
      target: { host: server.host, port: server.port },
    });
    // The store's own URL (its role and password included), pointed at another address.
    const urlVia = (host: string, port: number) => {
      const url = new URL(server.url);
      url.hostname = host;
      url.port = String(port);
      return url.toString();
    };
    started = {
      relay,
      directUrl: urlVia(server.host, server.port),
      relayedUrl: urlVia(relay.host, relay.port),
    };
    return {
      env: { SESSION_STORE: kind },
      controls: {
        latency: async (params) => {
          const delay = {
            addedRttMs: Number(params.ms ?? 0),
            jitterMs: Number(params.jitterMs ?? 0),
          };
          relay.setDelay(delay);
          return {
            relay: `server 1 -> ${name}: +${delay.addedRttMs} ms (±${delay.jitterMs}) per round trip`,
          };
        },
      },
      describe: () => ({ store: kind, relay: { ...relay.currentDelay, ...relay.stats() } }),
      stop: async () => {
        await relay.close();
        await server.stop();
      },
    };
  };
  const urlVariable = kind === 'redis' ? 'REDIS_URL' : 'DATABASE_URL';
  return {
    definition: {
      chapter: '05-external-storage',
      title: `Chapter 06 · round trips: chapter 05 with ${kind} on its own host`,
      servers: 2,
      strategy: 'round-robin',
      network: 'hosts',
      services,
      serverEnv: (server) => ({
        [urlVariable]: server.id === '1' ? started!.relayedUrl : started!.directUrl,
      }),
      tryThis: [
        'Dashboard: the latency control adds round-trip time between server 1 and the store.',
      ],
    },
    store: () => {
      if (!started) throw new Error('the lab has not started its store yet');
      return started;
    },
  };
}
// #endregion relayed-store
