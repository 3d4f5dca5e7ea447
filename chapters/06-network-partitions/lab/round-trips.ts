import { LabClient, spreadOf, type Lab, type RelayCounters } from '@sessions/harness';
import type { RelayedStore } from './relayed-store';

export interface RoundTripSample {
  addedRttMs: number;
  /** Median time of one request through the relay, in ms. */
  medianMs: number;
  /** The same request on the server that reaches the store directly. */
  directMedianMs: number;
  /** Round trips to the store per request, counted by the relay. */
  roundTripsPerRequest: number;
  /** The wait the relay really applied per round trip. */
  appliedDelayMs: number;
}

let userCount = 0;

async function timedGet(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(`${url}/me`, { headers: { cookie } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET /me on ${url} answered ${response.status}`);
  return performance.now() - start;
}

const appliedSum = (counters: RelayCounters) =>
  counters.appliedDelayMs.mean * counters.appliedDelayMs.samples;

// #region round-trips
/**
 * One user, one request at a time (GET /me, which reads the session from the store), on the
 * server behind the relay. The added delays take turns request by request, so a busy moment
 * of the machine hits every setting alike; the server that reaches the store directly is
 * asked after each one. The relay counts each request's round trips and the delay it applied.
 */
export async function measureRoundTrips(
  lab: Lab,
  store: RelayedStore,
  addedRtts: readonly number[],
  requestsPerSetting: number,
): Promise<RoundTripSample[]> {
  // A user of its own each time: chapter 05 keeps at most a few sessions per user.
  const userid = `rtt-${(userCount += 1)}`;
  const user = new LabClient(lab.server('1').url, { name: userid });
  await user.post('/login', { userid });
  const cookie = await user.jar.getCookieString(user.baseUrl);
  const [relayed, direct] = [lab.server('1').url, lab.server('2').url];
  for (let i = 0; i < 3; i++) await timedGet(relayed, cookie); // warm: connections, compiled code
  const samples = addedRtts.map(() => ({
    times: [] as number[],
    direct: [] as number[],
    trips: 0,
    applied: 0,
    held: 0,
  }));
  for (let i = 0; i < requestsPerSetting; i++) {
    for (const [index, addedRttMs] of addedRtts.entries()) {
      const sample = samples[index];
      store.relay.setDelay({ addedRttMs, jitterMs: 0 });
      const before = store.relay.stats();
      sample.times.push(await timedGet(relayed, cookie));
      const after = store.relay.stats();
      sample.trips += after.roundTrips - before.roundTrips;
      sample.applied += appliedSum(after) - appliedSum(before);
      sample.held += after.appliedDelayMs.samples - before.appliedDelayMs.samples;
      sample.direct.push(await timedGet(direct, cookie));
    }
  }
  store.relay.setDelay({ addedRttMs: 0, jitterMs: 0 });
  return addedRtts.map((addedRttMs, index) => {
    const sample = samples[index];
    return {
      addedRttMs,
      medianMs: spreadOf(sample.times).median,
      directMedianMs: spreadOf(sample.direct).median,
      roundTripsPerRequest: sample.trips / requestsPerSetting,
      appliedDelayMs: sample.held ? sample.applied / sample.held : 0,
    };
  });
}
// #endregion round-trips

/** Least-squares slope of y against x: extra ms per request for each ms added per round trip. */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / n;
  const num = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const den = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}
