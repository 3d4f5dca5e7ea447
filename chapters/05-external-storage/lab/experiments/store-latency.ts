import autocannon from 'autocannon';
import { LabClient, median, percentile, progress, startLab, type Lab } from '@sessions/harness';
import { externalStorageLab } from '../lab';
import type { LabStore } from '../lab-services';

export interface StoreLatencyOptions {
  stores: LabStore[];
  /** Latency: one client, one request after the other, so no request waits behind another. */
  sequentialRequests: number;
  /** Throughput: this many connections as fast as they can, for secondsPerRound. */
  connections: number;
  secondsPerRound: number;
  /** The stores take turns, round after round, so that a noisy moment on a shared machine hits all of them. */
  rounds: number;
}

export type StoreLatencyRow = {
  store: string;
  /** Medians over the rounds: one client, sequential requests. */
  p50Ms: number;
  /** The spread of the rounds' p50: the lowest and the highest. */
  p50MinMs: number;
  p50MaxMs: number;
  p99Ms: number;
  /** Median over the rounds, with `connections` at once, and the rounds' lowest and highest. */
  requestsPerSecond: number;
  requestsPerSecondMin: number;
  requestsPerSecondMax: number;
  /** Answers other than 200, errors and timeouts: must stay 0. */
  failures: number;
  /** After the load, GET /me still knows the user: the session was found, not replaced. */
  sessionKept: boolean;
};

interface Target {
  store: LabStore;
  lab: Lab;
  user: LabClient;
  cookie: string;
}

// #region store-latency
/**
 * The same load on the same app, only the store differs: one server per store, one logged-in
 * user, `connections` clients asking GET /me as fast as they can. Each /me reads the session
 * and refreshes its expiry: in memory a Map lookup; in Redis a GET and two EXPIREs (the
 * session's and its user index's) over loopback; in PostgreSQL a SELECT and an UPDATE.
 */
export async function measureStoreLatency(
  options: StoreLatencyOptions,
): Promise<StoreLatencyRow[]> {
  const targets: Target[] = [];
  try {
    for (const store of options.stores) {
      const lab = await startLab(externalStorageLab(store), { servers: 1 });
      const server = lab.servers[0];
      const user = new LabClient(server.url, { name: 'load' });
      targets.push({ store, lab, user, cookie: '' });
      await user.post('/login', { userid: 'load' });
      targets.at(-1)!.cookie = await user.jar.getCookieString(server.url);
    }
    const runs = new Map<LabStore, autocannon.Result[]>(options.stores.map((s) => [s, []]));
    const latencies = new Map<LabStore, Array<{ p50: number; p99: number }>>(
      options.stores.map((s) => [s, []]),
    );
    for (let round = 0; round < options.rounds; round++) {
      for (const target of targets) {
        latencies.get(target.store)!.push(await sequentialLatency(target, options));
        runs.get(target.store)!.push(
          await autocannon({
            url: `${target.lab.servers[0].url}/me`,
            connections: options.connections,
            duration: options.secondsPerRound,
            headers: { cookie: target.cookie },
          }),
        );
        const done = round * targets.length + targets.indexOf(target) + 1;
        progress('load runs', done, options.rounds * targets.length);
      }
    }
    return Promise.all(
      targets.map(async (target) => {
        const results = runs.get(target.store)!;
        const latency = latencies.get(target.store)!;
        const after = await target.user.get<{ userid: string | null }>('/me');
        const p50s = latency.map((l) => l.p50);
        const throughputs = results.map((r) => Math.round(r.requests.average));
        return {
          store: target.store,
          p50Ms: median(p50s),
          p50MinMs: Math.min(...p50s),
          p50MaxMs: Math.max(...p50s),
          p99Ms: median(latency.map((l) => l.p99)),
          requestsPerSecond: Math.round(median(throughputs)),
          requestsPerSecondMin: Math.min(...throughputs),
          requestsPerSecondMax: Math.max(...throughputs),
          failures: results.reduce((total, r) => total + r.non2xx + r.errors + r.timeouts, 0),
          sessionKept: after.body.userid === 'load',
        };
      }),
    );
  } finally {
    for (const target of targets) await target.lab.stop();
  }
}
// #endregion store-latency

/** Per-request time with nothing queued in front: the store's round trips show directly. */
async function sequentialLatency(
  target: Target,
  options: StoreLatencyOptions,
): Promise<{ p50: number; p99: number }> {
  const url = `${target.lab.servers[0].url}/me`;
  const times: number[] = [];
  for (let i = 0; i < options.sequentialRequests; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie: target.cookie } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) };
}
