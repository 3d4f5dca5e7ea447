import { runSkewWorkload, startLab, type Lab, type SkewWorkloadOptions } from '@sessions/harness';
import type { Strategy } from '@sessions/load-balancer';
import { labFor } from '../../src/lab';

// The chapter's skew experiment workload (test/skew.e2e-spec.ts): four heavy users on three servers.
const workload: Omit<SkewWorkloadOptions, 'serverIds'> = {
  heavyUsers: 4,
  heavyRequests: 20,
  lightUsers: 12,
  lightRequests: 2,
  arrivalTicks: 8,
  seed: 3,
};

async function loadStrategy(): Promise<() => Strategy> {
  const file = '../../src/sticky/sticky-least-connections';
  const loaded = (await import(file).catch(() => undefined)) as
    { stickyLeastConnections?: () => Strategy } | undefined;
  if (typeof loaded?.stickyLeastConnections !== 'function')
    throw new Error(
      'src/sticky/sticky-least-connections.ts does not export a function stickyLeastConnections() yet: it returns the new Strategy.',
    );
  return loaded.stickyLeastConnections;
}

describe('exercise 03.1: sticky sessions whose new users go to the least busy server', () => {
  let lab: Lab | undefined;

  afterAll(async () => {
    await lab?.stop();
  });

  it('on the skew experiment’s users, it loads the busiest server less than sticky round-robin, and never moves a user', async () => {
    const stickyLeastConnections = await loadStrategy();
    lab = await startLab({ ...labFor('app'), strategy: stickyLeastConnections });
    const options = { ...workload, serverIds: lab.servers.map((server) => server.id) };
    // Yours first, while every server's request count is still zero; round-robin ignores them.
    const leastBusy = await runSkewWorkload(lab.url, options);
    lab.balancer!.setStrategy('sticky-app-cookie');
    const roundRobin = await runSkewWorkload(lab.url, options);

    const moved = Object.entries(leastBusy.heavyUsersServedBy).filter(([, s]) => s.length > 1);
    if (moved.length > 0)
      throw new Error(
        `Heavy users were moved between servers (${moved.map(([user, s]) => `${user}: ${s.join(' → ')}`).join('; ')}): a user who has a server must stay on it.`,
      );
    if (leastBusy.maxOverMean >= roundRobin.maxOverMean)
      throw new Error(
        `The busiest server got ${leastBusy.maxOverMean.toFixed(2)}× the mean with your strategy and ${roundRobin.maxOverMean.toFixed(2)}× with sticky round-robin: new users should go to the server with the fewest requests in flight, then the fewest served.`,
      );
  });
});
