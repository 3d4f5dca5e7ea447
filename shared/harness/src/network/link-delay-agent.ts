import readline from 'node:readline';
import { DelayRelay } from './delay-relay';
import type { AgentRoute, DelayRoute } from './link-delays';

// #region link-delay-agent
/**
 * Runs inside one host's namespace (`ip netns exec <ns> node link-delay-agent.js <address>`):
 * a DelayRelay per delayed path into this host, listening on the host's own address. The
 * host's nftables redirect a peer's new connections to a port here to the relay's port, and
 * the relay passes them on to the port on this same host, each request held for the delay.
 * It reads the wanted routes as one JSON line on stdin and answers with the routes in place
 * (relay ports and counters) as one JSON line on stdout.
 */
async function main(address: string): Promise<void> {
  const relays = new Map<string, { route: DelayRoute; relay: DelayRelay }>();
  const key = (route: { peer: string; port: number }) => `${route.peer}:${route.port}`;
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    const wanted = (JSON.parse(line) as { routes: DelayRoute[] }).routes;
    const keep = new Set(wanted.map(key));
    for (const [name, { relay }] of relays)
      if (!keep.has(name)) {
        relays.delete(name);
        await relay.close();
      }
    for (const route of wanted) {
      let entry = relays.get(key(route));
      if (!entry) {
        const relay = await DelayRelay.start({
          listenHost: address,
          target: { host: address, port: route.port },
        });
        entry = { route, relay };
        relays.set(key(route), entry);
      }
      entry.relay.setDelay(route.delay);
    }
    const routes: AgentRoute[] = [...relays.values()].map(({ route, relay }) => ({
      peer: route.peer,
      port: route.port,
      relayPort: relay.port,
      counters: relay.stats(),
    }));
    process.stdout.write(`${JSON.stringify({ routes })}\n`);
  }
  process.exit(0);
}
// #endregion link-delay-agent

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
