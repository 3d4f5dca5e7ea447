import http from 'node:http';
import { Pool } from 'undici';
import { referenceArgs } from './reference-args';

// A yardstick, not a balancer: round-robin with undici 7 (one keep-alive Pool per server,
// its dispatch API) behind a node:http server, and nothing else. Beside the plain node:http
// yardstick, it shows which HTTP client makes the faster Node.js proxy on this machine.
const { port, servers } = referenceArgs();
const pools = servers.map((server) => new Pool(server, { connections: 256, pipelining: 1 }));
let turn = 0;

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

const server = http.createServer((request, response) => {
  const pool = pools[turn++ % pools.length];
  const bodiless = request.method === 'GET' || request.method === 'HEAD';
  let resume = () => {};
  response.on('drain', () => resume());
  pool.dispatch(
    {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      headers: request.headers as Record<string, string>,
      body: bodiless ? null : request,
    },
    {
      onConnect() {},
      onError() {
        if (!response.headersSent) response.writeHead(502);
        response.end();
      },
      onHeaders(statusCode, rawHeaders, resumeReading) {
        resume = resumeReading;
        const headers: Array<[string, string]> = [];
        for (let i = 0; i < rawHeaders.length; i += 2) {
          const name = rawHeaders[i].toString('latin1');
          if (!hopByHop.has(name.toLowerCase()))
            headers.push([name, rawHeaders[i + 1].toString('latin1')]);
        }
        response.writeHead(statusCode, headers.flat());
        return true;
      },
      onData(chunk) {
        // false pauses undici until the client's socket drains (then `resume`).
        return response.write(chunk);
      },
      onComplete() {
        response.end();
      },
    },
  );
});

server.listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => process.exit(0));
