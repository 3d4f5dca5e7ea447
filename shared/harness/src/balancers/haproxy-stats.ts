import net from 'node:net';

/** One server as HAProxy's `show stat` reports it. */
export interface HaproxyServerStat {
  /** The server's name in the config without its "s": s2 → "2". */
  id: string;
  backend: string;
  /** UP, DOWN, "UP 1/3" (failing its checks, not yet down), "DOWN 1/2" (coming back), MAINT. */
  status: string;
  /** Sessions (connections) open to the server now. */
  currentSessions: number;
  /** HTTP requests HAProxy has sent it since it started. */
  requests: number;
  /** The last health check's result: L7OK, L4CON (connection refused), L4TOUT, ... */
  checkStatus: string;
  /** The cookie value that routes to this server. */
  cookie: string;
}

/**
 * One command on HAProxy's runtime API (the `stats socket` unix socket): HAProxy answers and
 * closes the connection. Bounded: a socket that does not answer fails after `timeoutMs`.
 */
export function statsSocketCommand(
  socketPath: string,
  command: string,
  timeoutMs = 2000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () =>
      socket.destroy(
        new Error(`HAProxy's stats socket did not answer "${command}" in ${timeoutMs} ms`),
      ),
    );
    socket.on('connect', () => socket.end(`${command}\n`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The server rows of `show stat` (CSV with a "# pxname,svname,..." header). */
export function parseShowStat(csv: string): HaproxyServerStat[] {
  const [header, ...rows] = csv.split('\n');
  if (!header?.startsWith('# ')) throw new Error(`not the output of "show stat": ${header}`);
  const columns = header.slice(2).split(',');
  const servers: HaproxyServerStat[] = [];
  for (const row of rows) {
    if (row.trim() === '') continue;
    const values = row.split(',');
    const field = (name: string) => values[columns.indexOf(name)] ?? '';
    const name = field('svname');
    if (name === 'FRONTEND' || name === 'BACKEND') continue;
    servers.push({
      id: name.replace(/^s/, ''),
      backend: field('pxname'),
      status: field('status'),
      currentSessions: Number(field('scur')) || 0,
      requests: Number(field('req_tot')) || 0,
      checkStatus: field('check_status'),
      cookie: field('cookie'),
    });
  }
  return servers;
}
