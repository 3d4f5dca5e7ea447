import net from 'node:net';

export interface RelayDelay {
  /** Added to every round trip: each request waits this long before it goes on. */
  addedRttMs: number;
  /** Each wait varies by up to this much either way (never below zero, never reordered). */
  jitterMs: number;
}

export interface RelayCounters {
  connections: number;
  /** Requests that followed an answer on the same connection: one per round trip. */
  roundTrips: number;
  bytesToTarget: number;
  bytesFromTarget: number;
  /** The waits really applied to the first chunk of each round trip (timers are never exact). */
  appliedDelayMs: { samples: number; mean: number };
}

// #region delay-relay
/**
 * A TCP relay that adds latency: `netem` is missing from this kernel, so the lab puts this
 * between the servers and a store. Each chunk from a client waits `addedRttMs` (± jitter)
 * before it is passed on, in order; answers pass at once. It also counts round trips: on a
 * connection used one request at a time, every client chunk that follows an answer starts
 * a new round trip.
 */
export class DelayRelay {
  private delay: RelayDelay = { addedRttMs: 0, jitterMs: 0 };
  private counters = emptyCounters();
  private delaySum = 0;
  private readonly sockets = new Set<net.Socket>();

  private constructor(
    private readonly server: net.Server,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(options: {
    listenHost: string;
    target: { host: string; port: number };
  }): Promise<DelayRelay> {
    const accepted: Array<(client: net.Socket) => void> = [];
    const server = net.createServer((client) => accepted[0]?.(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, options.listenHost, resolve);
    });
    const { port } = server.address() as net.AddressInfo;
    const relay = new DelayRelay(server, options.listenHost, port);
    accepted.push((client) => relay.accept(client, options.target));
    return relay;
  }

  setDelay(delay: RelayDelay): void {
    if (!(delay.addedRttMs >= 0 && delay.addedRttMs <= 10_000 && delay.jitterMs >= 0))
      throw new Error('added RTT must be 0-10000 ms and jitter 0 or more');
    this.delay = { ...delay };
  }

  get currentDelay(): RelayDelay {
    return { ...this.delay };
  }

  stats(): RelayCounters {
    const samples = this.counters.appliedDelayMs.samples;
    return {
      ...this.counters,
      appliedDelayMs: { samples, mean: samples ? this.delaySum / samples : 0 },
    };
  }

  resetStats(): void {
    this.counters = emptyCounters();
    this.delaySum = 0;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket, target: { host: string; port: number }): void {
    const upstream = net.connect(target);
    this.track(client);
    this.track(upstream);
    this.counters.connections += 1;
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    let answered = true;
    let lastRelease = 0;
    client.on('data', (chunk: Buffer) => {
      this.counters.bytesToTarget += chunk.length;
      const startsRoundTrip = answered;
      answered = false;
      if (startsRoundTrip) this.counters.roundTrips += 1;
      const wait = this.waitFor();
      const received = performance.now();
      // Never before an earlier chunk: TCP's order is kept.
      const release = Math.max(received + wait, lastRelease);
      lastRelease = release;
      const pass = () => {
        if (startsRoundTrip) {
          this.counters.appliedDelayMs.samples += 1;
          this.delaySum += performance.now() - received;
        }
        upstream.write(chunk);
      };
      if (release <= received) pass();
      else setTimeout(pass, release - received);
    });
    upstream.on('data', (chunk: Buffer) => {
      this.counters.bytesFromTarget += chunk.length;
      answered = true;
      client.write(chunk);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth);
    upstream.on('close', closeBoth);
    client.on('error', closeBoth);
    upstream.on('error', closeBoth);
  }
  // #endregion delay-relay

  private waitFor(): number {
    const { addedRttMs, jitterMs } = this.delay;
    if (addedRttMs === 0 && jitterMs === 0) return 0;
    return Math.max(0, addedRttMs + (Math.random() * 2 - 1) * jitterMs);
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

function emptyCounters(): RelayCounters {
  return {
    connections: 0,
    roundTrips: 0,
    bytesToTarget: 0,
    bytesFromTarget: 0,
    appliedDelayMs: { samples: 0, mean: 0 },
  };
}
