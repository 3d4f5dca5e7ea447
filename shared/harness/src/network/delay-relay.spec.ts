import net from 'node:net';
import { DelayRelay } from './delay-relay';

/** An upstream that answers every line with "ok". */
async function lineServer(): Promise<net.Server> {
  const server = net.createServer((socket) => socket.on('data', () => socket.write('ok\n')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

async function exchange(socket: net.Socket, line: string): Promise<void> {
  await new Promise<void>((resolve) => {
    socket.once('data', () => resolve());
    socket.write(line);
  });
}

describe('the delaying relay', () => {
  let upstream: net.Server;
  let relay: DelayRelay;

  beforeAll(async () => {
    upstream = await lineServer();
    const { port } = upstream.address() as net.AddressInfo;
    relay = await DelayRelay.start({
      listenHost: '127.0.0.1',
      target: { host: '127.0.0.1', port },
    });
  });

  afterAll(async () => {
    await relay.close();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('counts one round trip per request answered, on one connection', async () => {
    relay.resetStats();
    const socket = net.connect(relay.port, '127.0.0.1');
    for (const line of ['a\n', 'b\n', 'c\n']) await exchange(socket, line);
    socket.destroy();
    expect(relay.stats().roundTrips).toBe(3);
    expect(relay.stats().connections).toBe(1);
  });

  it('holds a request when a delay is set, and records the wait it really applied', async () => {
    relay.setDelay({ addedRttMs: 5, jitterMs: 0 });
    relay.resetStats();
    const socket = net.connect(relay.port, '127.0.0.1');
    await exchange(socket, 'a\n');
    socket.destroy();
    relay.setDelay({ addedRttMs: 0, jitterMs: 0 });
    const { appliedDelayMs } = relay.stats();
    expect(appliedDelayMs.samples).toBe(1);
    // What was applied is recorded, not assumed: Node's timers have a 1 ms granularity.
    expect(appliedDelayMs.mean).toBeGreaterThan(0);
  });

  it('refuses a negative delay with a message', () => {
    expect(() => relay.setDelay({ addedRttMs: -1, jitterMs: 0 })).toThrow(/0-10000/);
  });
});
