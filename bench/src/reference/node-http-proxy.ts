import http from 'node:http';
import { referenceArgs } from './reference-args';

// A yardstick, not a balancer: round-robin with node:http alone, a keep-alive agent and
// nothing else (no health checks, no retries, no event log, no guard against bad input).
// It shows how fast a Node.js proxy can be on this machine before any balancing logic.
const { port, servers } = referenceArgs();
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
let turn = 0;

const server = http.createServer((request, response) => {
  const target = new URL(servers[turn++ % servers.length]);
  const upstream = http.request(
    {
      host: target.hostname,
      port: target.port,
      method: request.method,
      path: request.url,
      headers: request.headers,
      agent,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
});

server.listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => process.exit(0));
