import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startBalancer, type Balancer } from '../src';

/** A backend that records each request's method, framing headers and body, then answers. */
async function startRecordingBackend() {
  const received: Array<{ method: string; headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // The balancer's health checks are not what a test sent: recording them would let a
      // check that lands between a request and the assertion pass for the request.
      if (request.url !== '/health')
        received.push({
          method: request.method ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks).toString(),
        });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Writes raw bytes (then more, one piece every `everyMs`) and reads until the balancer closes. */
function exchange(port: number, first: string, more: string[] = [], everyMs = 200) {
  return new Promise<{ reply: string; ms: number }>((resolve) => {
    const started = performance.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
    let reply = '';
    const drip = setInterval(() => {
      const piece = more.shift();
      if (piece !== undefined && socket.writable) socket.write(piece);
    }, everyMs);
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ reply, ms: performance.now() - started });
    });
  });
}

describe('the balancer streams bodies and frames every request itself', () => {
  let backend: Awaited<ReturnType<typeof startRecordingBackend>>;
  let balancer: Balancer;

  beforeAll(async () => {
    backend = await startRecordingBackend();
    balancer = await startBalancer({
      servers: [{ id: '1', url: backend.url }],
      headersTimeoutMs: 1000,
      requestTimeoutMs: 1500,
    });
  });
  afterAll(async () => {
    await balancer.close();
    await backend.close();
  });

  it('sends a chunked body on as one request, framed once, with the same content', async () => {
    const { reply } = await exchange(
      balancer.port,
      'POST /cart HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n' +
        '3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
    );
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    const last = backend.received.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', body: 'abcde' });
    // One framing header: chunked while the body streams, or its length when it had
    // already arrived whole before the request was sent on.
    const framing = [last.headers['transfer-encoding'], last.headers['content-length']];
    expect([
      ['chunked', undefined],
      [undefined, '5'],
    ]).toContainEqual(framing);
  });

  it('says Content-Length: 0 for a POST without a body and never lets a body follow', async () => {
    const response = await fetch(`${balancer.url}/logout`, { method: 'POST' });
    await response.text();
    expect(backend.received.at(-1)!.headers['content-length']).toBe('0');
  });

  it('does not pass Expect on: the balancer has already answered 100 Continue', async () => {
    const { reply } = await exchange(
      balancer.port,
      'POST /cart HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
    expect(reply).toContain('HTTP/1.1 200 OK');
    expect(backend.received.at(-1)!.headers.expect).toBeUndefined();
    expect(backend.received.at(-1)!.body).toBe('{}');
  });

  it('answers 408 to a client whose body arrives too slowly, and closes the connection', async () => {
    const before = backend.received.length;
    const { reply } = await exchange(
      balancer.port,
      'POST /cart HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\nx',
      Array.from({ length: 49 }, () => 'x'),
      300,
    );
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    // Health checks (GET /health) may arrive meanwhile; the truncated POST never completes.
    expect(backend.received.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('the deadline holds whatever the request says', () => {
  let silent: net.Server;
  let balancer: Balancer;

  beforeAll(async () => {
    // Accepts and never answers, like a paused server.
    silent = net.createServer((socket) => void socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    balancer = await startBalancer({
      servers: [{ id: '1', url: `http://127.0.0.1:${port}` }],
      proxyTimeoutMs: 800,
      healthCheck: { intervalMs: 3_600_000 },
    });
  });
  afterAll(async () => {
    await balancer.close();
    await new Promise((resolve) => silent.close(resolve));
  });

  it.each([
    ['a plain GET', 'GET /me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
    [
      'a GET with Expect: 100-continue',
      'GET /me HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n',
    ],
  ])('%s to a server that never answers gets a 504', async (_name, request) => {
    const { reply } = await exchange(balancer.port, request);
    expect(reply).toContain('HTTP/1.1 504 Gateway Timeout');
  });
});

describe('the event stream keeps its readers in bounds', () => {
  let balancer: Balancer;

  beforeAll(async () => {
    balancer = await startBalancer({ servers: [], maxEventSubscribers: 2 });
  });
  afterAll(async () => {
    await balancer.close();
  });

  const subscribe = () =>
    new Promise<net.Socket>((resolve) => {
      const socket = net.connect(balancer.port, '127.0.0.1', () =>
        socket.write('GET /__lb/events HTTP/1.1\r\nHost: x\r\n\r\n'),
      );
      socket.once('data', () => resolve(socket));
    });

  it('answers 503 to one reader more than the cap', async () => {
    const readers = [await subscribe(), await subscribe()];
    const response = await fetch(`${balancer.url}/__lb/events`);
    expect(response.status).toBe(503);
    await response.text();
    for (const reader of readers) reader.destroy();
  });

  it('drops a reader that stops reading instead of holding every event for it', async () => {
    const reader = await subscribe();
    reader.pause();
    const path = `/${'x'.repeat(190)}`;
    // Enough events to fill the kernel's socket buffers and then the balancer's limit.
    for (let i = 0; i < 100_000 && !balancer.counters['event-readers-dropped']; i += 1) {
      balancer.events.record({
        client: 'you',
        method: 'GET',
        path,
        server: '1',
        reason: 'round-robin',
        status: 200,
        ms: 1,
      });
      if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(balancer.counters['event-readers-dropped']).toBe(1);
    reader.destroy();
  });
});
