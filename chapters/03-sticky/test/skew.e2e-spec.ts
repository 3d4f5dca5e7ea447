import { useLab } from '@sessions/harness';
import { measureSkew } from '../lab/experiments/skew';
import { labFor } from '../lab/lab';

describe('experiment B, load skew', () => {
  const lab = useLab(labFor('app'));

  it('on the same unequal users, sticky sessions load the busiest server measurably more than round-robin', async () => {
    // Four heavy users on three servers: sticky must put two of them on one server.
    const { roundRobin, sticky } = await measureSkew(lab, 'app', {
      heavyUsers: 4,
      heavyRequests: 20,
      lightUsers: 12,
      lightRequests: 2,
      arrivalTicks: 8,
      seed: 3,
    });

    expect(roundRobin.requests).toBe(sticky.requests);
    // Every request was answered by a server (none counted as "none": no 502s skewing the figures).
    expect(Object.keys(roundRobin.requestsPerServer).sort()).toEqual(['1', '2', '3']);
    expect(Object.keys(sticky.requestsPerServer).sort()).toEqual(['1', '2', '3']);
    // Round-robin counts requests, so it stays even however unequal the users are.
    expect(roundRobin.maxOverMean).toBeLessThanOrEqual(1.05);
    expect(sticky.maxOverMean).toBeGreaterThanOrEqual(roundRobin.maxOverMean + 0.15);
    // Sticky never moved a heavy user: each one stayed on its first server.
    for (const servers of Object.values(sticky.heavyUsersServedBy)) expect(servers).toHaveLength(1);
  });
});
