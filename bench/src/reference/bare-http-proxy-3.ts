import http from 'node:http';
import { createProxyServer } from 'http-proxy-3';
import { referenceArgs } from './reference-args';

// A yardstick, not a balancer: round-robin through http-proxy-3 with the same keep-alive
// agent as the course balancer, and none of the course's logic. The course balancer's
// distance from this is what its own code costs.
const { port, servers } = referenceArgs();
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const proxy = createProxyServer({ agent, xfwd: false, ws: false });
let turn = 0;

const server = http.createServer((request, response) => {
  proxy.web(request, response, { target: servers[turn++ % servers.length] }, () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
});

server.listen(port, '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => process.exit(0));
