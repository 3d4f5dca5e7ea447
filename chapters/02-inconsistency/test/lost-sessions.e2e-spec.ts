import { useLab } from '@sessions/harness';
import { measureLostSessions } from '../lab/experiments/lost-sessions';
import { lab as definition } from '../lab/lab';

describe('the lost-sessions experiment', () => {
  const lab = useLab(definition);

  it('finds the session in about one request of three: 1 - 1/N of requests reach a server without it', async () => {
    const result = await measureLostSessions(lab, {
      users: 12,
      requestsPerUser: 10,
      servers: 3,
      seed: 7,
    });

    expect(result.requests).toBe(120);
    expect(result.expectedShare).toBeCloseTo(2 / 3, 5);
    // Within 12 points of 1 - 1/N: the requests that reached a server without the session.
    expect(Math.abs(result.shareWithoutSession - result.expectedShare)).toBeLessThan(0.12);
    // Round-robin itself stays perfectly even: the load is fine, the sessions are not.
    expect(Object.values(result.servedBy)).toEqual([40, 40, 40]);
  });
});
