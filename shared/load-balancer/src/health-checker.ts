import http from 'node:http';
import type { ServerPool } from './pool';
import type { BackendServer } from './types';

export interface HealthCheckOptions {
  /** Time between checks of one server (HAProxy's `inter`, default 2 s). */
  intervalMs: number;
  /** Consecutive failures that take a server out (HAProxy's `fall`, default 3). */
  fall: number;
  /** Consecutive successes that bring it back (HAProxy's `rise`, default 2). */
  rise: number;
  /** A check that takes longer than this fails. */
  timeoutMs: number;
}

export const defaultHealthCheck: HealthCheckOptions = {
  intervalMs: 2000,
  fall: 3,
  rise: 2,
  timeoutMs: 1000,
};

/** Active health checks: GET /health on every server, every interval. */
export class HealthChecker {
  private timer: NodeJS.Timeout | undefined;
  private readonly streak = new Map<string, { ok: number; failed: number }>();
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly pool: ServerPool,
    private readonly options: HealthCheckOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.checkAll(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The proxy saw a refused connection: the server is down now, not after `fall` checks. */
  markDown(server: BackendServer): void {
    this.streak.set(server.id, { ok: 0, failed: this.options.fall });
    this.pool.setHealth(server, 'down');
  }

  private checkAll(): void {
    for (const server of this.pool.all()) {
      if (this.inFlight.has(server.id)) continue;
      this.inFlight.add(server.id);
      void probe(server.url, this.options.timeoutMs).then((ok) => {
        this.inFlight.delete(server.id);
        this.record(server, ok);
      });
    }
  }

  private record(server: BackendServer, ok: boolean): void {
    const streak = this.streak.get(server.id) ?? { ok: 0, failed: 0 };
    if (ok) {
      streak.ok += 1;
      streak.failed = 0;
      if (server.health === 'down' && streak.ok >= this.options.rise)
        this.pool.setHealth(server, 'up');
    } else {
      streak.failed += 1;
      streak.ok = 0;
      if (server.health === 'up' && streak.failed >= this.options.fall)
        this.pool.setHealth(server, 'down');
    }
    this.streak.set(server.id, streak);
  }
}

function probe(baseUrl: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // A fresh connection each time (no keep-alive agent), so a check also proves the server accepts connections.
    const request = http.get(
      `${baseUrl}/health`,
      { timeout: timeoutMs, agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy(new Error('health check timed out')));
    request.on('error', () => resolve(false));
  });
}
