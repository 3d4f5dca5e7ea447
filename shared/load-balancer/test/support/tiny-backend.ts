import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyBackend {
  id: string;
  url: string;
  port: number;
  /** Headers of every request this backend received from a client, in order (health checks left out). */
  received: http.IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A backend that answers every request with its own id and the headers it was sent. */
export async function startTinyBackend(id: string, port = 0): Promise<TinyBackend> {
  const received: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((request, response) => {
    // The balancer's own health checks are not what a test sent (see `received`).
    if (request.url !== '/health') received.push(request.headers);
    request.resume();
    request.on('end', () => {
      const body = JSON.stringify({ server: id, path: request.url, headers: request.headers });
      response.writeHead(request.url === '/health' ? 200 : 200, {
        'content-type': 'application/json',
        'x-served-by': id,
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    id,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function servedBy(url: string, init?: RequestInit): Promise<string> {
  const response = await fetch(url, init);
  await response.arrayBuffer();
  return response.headers.get('x-served-by') ?? `status ${response.status}`;
}
