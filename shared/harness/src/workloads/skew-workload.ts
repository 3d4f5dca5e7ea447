import { LabClient } from '../client/lab-client';
import { maxOverMean } from '../measure/stats';
import { seededRandom, shuffled } from '../measure/seeded-random';
import { progress } from '../results/table';

export interface SkewWorkloadOptions {
  /** A few users who keep clicking for a long time (a dashboard left open, an API script). */
  heavyUsers: number;
  heavyRequests: number;
  /** Many users who look at a page or two and leave. */
  lightUsers: number;
  lightRequests: number;
  /** Users arrive at random ticks in [0, arrivalTicks): not everybody is there at the start. */
  arrivalTicks: number;
  seed: number;
  /** Every server id behind the balancer, so a server that got nothing still counts in max/mean. */
  serverIds: readonly string[];
  /** Print a progress line (experiments) or stay quiet (tests). */
  showProgress?: boolean;
}

export interface SkewWorkloadResult {
  /** Requests each server answered, logins included, in `serverIds` order. */
  requestsPerServer: Record<string, number>;
  requests: number;
  /** The busiest server's requests over the mean: 1.0 is perfectly even. */
  maxOverMean: number;
  /** Which server each heavy user's requests went to (more than one means it was moved). */
  heavyUsersServedBy: Record<string, string[]>;
}

interface PlannedUser {
  client: LabClient;
  heavy: boolean;
  arrival: number;
  requests: number;
}

// #region skew-workload
/**
 * Unequal users, the load a real site sees: a few heavy users make many requests, many
 * light users make a few, and they arrive over time. Time moves in ticks; in each tick the
 * users who arrive log in one after another (so the balancer's choices repeat exactly for
 * a seed), then every active user sends one request, all at once. Requests per server come
 * from the `X-Served-By` of every answer, so any balancer (ours, HAProxy, nginx) can be measured.
 */
export async function runSkewWorkload(
  baseUrl: string,
  options: SkewWorkloadOptions,
): Promise<SkewWorkloadResult> {
  const random = seededRandom(options.seed);
  const plan = (heavy: boolean, i: number): PlannedUser => ({
    client: new LabClient(baseUrl, { name: `${heavy ? 'heavy' : 'light'}-${i + 1}` }),
    heavy,
    arrival: Math.floor(random() * options.arrivalTicks),
    requests: heavy ? options.heavyRequests : options.lightRequests,
  });
  const users = shuffled(
    [
      ...Array.from({ length: options.heavyUsers }, (_, i) => plan(true, i)),
      ...Array.from({ length: options.lightUsers }, (_, i) => plan(false, i)),
    ],
    random,
  );
  const total = users.reduce((sum, user) => sum + 1 + user.requests, 0);
  let done = 0;
  const lastTick = Math.max(...users.map((user) => user.arrival + user.requests));
  for (let tick = 0; tick <= lastTick; tick++) {
    for (const user of users.filter((u) => u.arrival === tick)) {
      await user.client.post('/login', { userid: user.client.name });
      done += 1;
    }
    const active = users.filter((u) => u.arrival < tick && tick <= u.arrival + u.requests);
    await Promise.all(
      active.map((user, i) =>
        i % 2 === 0 ? user.client.get('/me') : user.client.post('/cart', { item: 'apple' }),
      ),
    );
    done += active.length;
    if (options.showProgress) progress('requests', done, total);
  }
  return summarize(users, options.serverIds);
}
// #endregion skew-workload

function summarize(users: PlannedUser[], serverIds: readonly string[]): SkewWorkloadResult {
  const requestsPerServer: Record<string, number> = Object.fromEntries(
    serverIds.map((id) => [id, 0]),
  );
  const heavyUsersServedBy: Record<string, string[]> = {};
  for (const user of users) {
    for (const record of user.client.history) {
      const server = record.servedBy ?? 'none';
      requestsPerServer[server] = (requestsPerServer[server] ?? 0) + 1;
    }
    if (user.heavy)
      heavyUsersServedBy[user.client.name!] = [
        ...new Set(user.client.history.map((record) => record.servedBy ?? 'none')),
      ];
  }
  const requests = Object.values(requestsPerServer).reduce((a, b) => a + b, 0);
  return {
    requestsPerServer,
    requests,
    maxOverMean: maxOverMean(requestsPerServer, serverIds),
    heavyUsersServedBy,
  };
}
