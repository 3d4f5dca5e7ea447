import { useLab } from '@sessions/harness';
import { measureFailoverLoss, type FailoverMoment } from '../lab/experiments/failover-loss';
import { labFor } from '../lab/lab';
import type { StickyMode } from '../src/sticky/sticky-mode';

const healthCheck = { intervalMs: 300, fall: 3, rise: 2, timeoutMs: 250 };

// Each mode at one moment keeps this file short; test/stickiness.e2e-spec.ts covers every pair.
const runs: Array<[StickyMode, FailoverMoment]> = [
  ['app', 'right-after-crash'],
  ['insert', 'after-health-checks'],
];

describe.each(runs)('experiment A, failover loss (%s mode, users come back %s)', (mode, moment) => {
  const lab = useLab(labFor(mode), { balancer: { healthCheck } });

  it('when one of three servers dies, exactly the users pinned to it lose their session', async () => {
    const result = await measureFailoverLoss(lab, { users: 12, victim: '2', moment, seed: 5 });

    expect(result.keptBeforeCrash).toBe(12);
    // Round-robin pins each new user to the next server: a third of them are on server 2.
    expect(result.pinnedToVictim).toBe(4);
    expect(result.lostShare).toBe(result.expectedShare);
    expect(result.lostExactlyThePinned).toBe(true);
    expect(result.servedAfter['2']).toBeUndefined();
  });
});
