import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBalancer, type Balancer } from '../src';

describe('when a server dies halfway through its answer', () => {
  let backend: http.Server;
  let balancer: Balancer;

  beforeAll(async () => {
    // Sends the status line, headers and part of the body, then the connection drops (a kill -9).
    backend = http.createServer((request, response) => {
      if (request.url === '/health') return void response.end('ok');
      response.writeHead(200, { 'content-length': '100', 'x-served-by': '1' });
      response.write('part of the answer');
      setTimeout(() => response.socket?.destroy(), 50);
    });
    await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
    const { port } = backend.address() as AddressInfo;
    balancer = await startBalancer({ servers: [{ id: '1', url: `http://127.0.0.1:${port}` }] });
  });
  afterAll(async () => {
    await balancer.close();
    backend.closeAllConnections();
    await new Promise((resolve) => backend.close(resolve));
  });

  it("ends the client's connection too, instead of leaving it waiting for the rest", async () => {
    const response = await fetch(`${balancer.url}/me`, { signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(200);
    const rest = response.text().then(
      () => 'the body completed',
      (error: Error) => (error.name === 'TimeoutError' ? 'the client was left waiting' : 'ended'),
    );
    await expect(rest).resolves.toBe('ended');
  });
});
