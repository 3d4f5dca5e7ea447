import http from 'node:http';

/** A request with a Host header of our choice (fetch would not let us set it). */
function requestWithHost(
  url: string,
  host: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: options.method ?? 'GET', headers: { ...options.headers, host } },
      (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on('error', reject);
    request.end();
  });
}
import type { AddressInfo } from 'node:net';
import { startBalancer, type Balancer } from '../src';

/** A server with the course's /__internal pages, or one that never answers them (a paused process). */
async function startInsideServer(
  behaviour: 'answers' | 'hangs',
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    if (request.url === '/health') return void response.end('ok');
    if (behaviour === 'hangs') return;
    const body =
      request.url === '/__internal/sessions'
        ? {
            server: '1',
            sessions: [
              { id: 'abcdefghijklmnopqrstuvwxyz012345', userid: 'a', cartSize: 2, bytes: 80 },
            ],
          }
        : { server: '1', pid: 42, sessions: 1, bytes: 80, replicationLagMs: 3 };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('the dashboard page at /__lb/', () => {
  let answering: Awaited<ReturnType<typeof startInsideServer>>;
  let hanging: Awaited<ReturnType<typeof startInsideServer>>;
  let balancer: Balancer;

  beforeAll(async () => {
    answering = await startInsideServer('answers');
    hanging = await startInsideServer('hangs');
    balancer = await startBalancer({
      servers: [
        { id: '1', url: answering.url },
        { id: '2', url: hanging.url },
      ],
      control: { token: 'secret-token-123', handlers: {} },
    });
  });
  afterAll(async () => {
    await balancer.close();
    await answering.close();
    await hanging.close();
  });

  it('carries the control token in a meta tag and forbids inline scripts and styles', async () => {
    const response = await fetch(`${balancer.url}/__lb/`);
    const html = await response.text();

    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<meta name="lab-token" content="secret-token-123" />');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('serves its script and stylesheet as files, and nothing else under /__lb/assets/', async () => {
    const script = await fetch(`${balancer.url}/__lb/assets/dashboard.js`);
    const style = await fetch(`${balancer.url}/__lb/assets/dashboard.css`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain("new EventSource('/__lb/events')");
    expect(style.headers.get('content-type')).toContain('text/css');

    for (const name of ['index.html', '..%2Fpackage.json', 'dashboard-route.ts', 'nope.js']) {
      const response = await fetch(`${balancer.url}/__lb/assets/${name}`);
      expect({ name, status: response.status }).toEqual({ name, status: 404 });
    }
  });

  it("reads a pool server's sessions for the cards, showing only a prefix of each session id", async () => {
    const response = await fetch(`${balancer.url}/__lb/servers/1/sessions`);
    const body = (await response.json()) as { total: number; sessions: Array<{ id: string }> };

    expect(response.status).toBe(200);
    expect(body.total).toBe(1);
    expect(body.sessions[0]).toMatchObject({ id: 'abcdefgh…', userid: 'a', cartSize: 2 });
    expect(JSON.stringify(body)).not.toContain('abcdefghijklmnop');
  });

  it("marks the viewer's own session, found through the app's signed session cookie", async () => {
    const signed = encodeURIComponent('s:abcdefghijklmnopqrstuvwxyz012345.signature');
    const mine = await fetch(`${balancer.url}/__lb/servers/1/sessions`, {
      headers: { cookie: `theme=dark; sid=${signed}` },
    });
    const someoneElse = await fetch(`${balancer.url}/__lb/servers/1/sessions`, {
      headers: { cookie: `sid=${encodeURIComponent('s:another-session-id.signature')}` },
    });

    expect(((await mine.json()) as { sessions: unknown[] }).sessions[0]).toMatchObject({
      yours: true,
    });
    expect(((await someoneElse.json()) as { sessions: unknown[] }).sessions[0]).toMatchObject({
      yours: false,
    });
  });

  it("passes a server's stats through, chapter figures included", async () => {
    const response = await fetch(`${balancer.url}/__lb/servers/1/stats`);
    expect(await response.json()).toMatchObject({ pid: 42, replicationLagMs: 3 });
  });

  it('answers 504 quickly for a server that does not answer, instead of hanging the page', async () => {
    const response = await fetch(`${balancer.url}/__lb/servers/2/stats`);
    const body = (await response.json()) as { message: string };
    expect(response.status).toBe(504);
    expect(body.message).toContain('server 2 did not answer');
  });

  it('refuses anything but the pool members and their two pages', async () => {
    for (const path of ['9/sessions', '1/health', '1/sessions/extra', '127.0.0.1:22/stats']) {
      const response = await fetch(`${balancer.url}/__lb/servers/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
  });

  it('gives no token to a page reached through another host name, and refuses its controls (DNS rebinding)', async () => {
    const page = await requestWithHost(`${balancer.url}/__lb/`, 'evil.example:8080');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<meta name="lab-token" content="" />');

    const control = await requestWithHost(
      `${balancer.url}/__lb/control/kill`,
      'evil.example:8080',
      {
        method: 'POST',
        headers: { origin: 'http://evil.example:8080', 'x-lab-token': 'secret-token-123' },
      },
    );
    expect(control.status).toBe(403);
    expect(control.body).toContain('DNS rebinding');

    const local = await requestWithHost(`${balancer.url}/__lb/`, `localhost:${balancer.port}`);
    expect(local.body).toContain('content="secret-token-123"');
  });
});
