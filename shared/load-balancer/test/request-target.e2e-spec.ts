import net from 'node:net';
import { startBalancer, type Balancer } from '../src';
import { startTinyBackend, type TinyBackend } from './support/tiny-backend';

/** Sends raw bytes, because fetch would never send an absolute-URI or CONNECT request. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    const giveUp = setTimeout(() => socket.destroy(), 2000);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve(reply);
    });
    socket.on('error', reject);
  });
}

describe('the balancer is never an open proxy', () => {
  let backend: TinyBackend;
  let balancer: Balancer;

  beforeAll(async () => {
    backend = await startTinyBackend('1');
    balancer = await startBalancer({ servers: [{ id: '1', url: backend.url }] });
  });
  afterAll(async () => {
    await balancer.close();
    await backend.close();
  });

  /** Whatever `send` gets back, after checking that the backend received nothing meanwhile. */
  async function reachingNoServer<T>(send: () => Promise<T>): Promise<T> {
    const before = backend.received.length;
    const answer = await send();
    expect(backend.received.length).toBe(before);
    return answer;
  }

  it.each([
    [
      'an absolute URI',
      'GET http://example.com/ HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n',
      '400',
    ],
    [
      'CONNECT',
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\nConnection: close\r\n\r\n',
      '405',
    ],
  ])('refuses %s without contacting any server', async (_name, request, status) => {
    const reply = await reachingNoServer(() => rawRequest(balancer.port, request));
    expect(reply.split('\r\n')[0]).toContain(status);
    expect(reply).toContain('not a forward proxy');
  });

  it('forwards to its pool whatever the Host header says', async () => {
    const reply = await rawRequest(
      balancer.port,
      'GET /me HTTP/1.1\r\nHost: evil.example:9\r\nConnection: close\r\n\r\n',
    );
    expect(reply).toContain('x-served-by: 1');
  });

  it.each([
    '/__internal/sessions',
    '/__INTERNAL/stats',
    '/%5F%5Finternal/sessions',
    '/x/../__internal/sessions',
    '//__internal/sessions',
    '/__internal;a=b/sessions',
  ])('never forwards %s from a client', async (path) => {
    const response = await reachingNoServer(() => fetch(`${balancer.url}${path}`));
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("does not pass a client's Upgrade (WebSocket, h2c) on to the server", async () => {
    const reply = await rawRequest(
      balancer.port,
      'GET /me HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings, close\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n',
    );
    expect(reply).toContain('x-served-by: 1');
    expect(backend.received.at(-1)!.upgrade).toBeUndefined();
    expect(backend.received.at(-1)!['http2-settings']).toBeUndefined();
  });

  it('answers 431 with a JSON body when the headers are too large', async () => {
    const cookie = 'a='.padEnd(20_000, 'x');
    const reply = await rawRequest(
      balancer.port,
      `GET /me HTTP/1.1\r\nHost: x\r\nCookie: ${cookie}\r\n\r\n`,
    );
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(reply).toContain('"statusCode":431');
  });

  it('answers 413 when the body is larger than it accepts', async () => {
    const response = await fetch(`${balancer.url}/cart`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });
});
