import type { Contender } from './contender';

/**
 * Sticky strategies only show their cost when clients send their cookie back. autocannon
 * keeps no cookie jar, so each connection is given, up front, the cookie of one server in
 * turn: four simulated users per server, as after their first visit.
 */
export async function withStickyClients(
  contender: Contender,
  mode: 'app' | 'insert',
  servers: readonly string[],
): Promise<Contender> {
  const cookies = new Map<string, string>();
  if (mode === 'app') {
    // Application mode: the cookie is the server's own id, `server=<SERVER_ID>`.
    for (const id of servers) cookies.set(id, `server=${id}`);
  } else {
    // Insert mode: the value is the balancer's opaque HMAC; learn it from first visits.
    for (
      let attempt = 0;
      cookies.size < servers.length && attempt < servers.length * 4;
      attempt++
    ) {
      const response = await fetch(`${contender.url}/health`);
      await response.arrayBuffer();
      const servedBy = response.headers.get('x-served-by');
      const inserted = response.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .find((pair) => pair.startsWith('SERVERID='));
      if (servedBy && inserted) cookies.set(servedBy, inserted);
    }
    if (cookies.size < servers.length)
      throw new Error(
        `the insert-mode balancer gave SERVERID cookies for servers ${[...cookies.keys()].join(', ') || 'none'}, expected ${servers.join(', ')}`,
      );
  }
  return {
    ...contender,
    headersForConnection: (connection) => ({
      cookie: cookies.get(servers[connection % servers.length])!,
    }),
  };
}
