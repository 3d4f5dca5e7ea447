import { startLab, waitFor, type Lab } from '@sessions/harness';
import { measureFailoverLoss, type FailoverMoment } from '../src/experiments/failover-loss';
import { labFor } from '../src/lab';
import type { StickyMode } from '../src/sticky/sticky-mode';

const healthCheck = { intervalMs: 300, fall: 3, rise: 2, timeoutMs: 250 };

describe.each<StickyMode>(['app', 'insert'])('experiment A, failover loss (%s mode)', (mode) => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab(labFor(mode), { balancer: { healthCheck } });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it.each<FailoverMoment>(['right-after-crash', 'after-health-checks'])(
    'when one of three servers dies (%s), exactly the users pinned to it lose their session',
    async (moment) => {
      const result = await measureFailoverLoss(lab, { users: 12, victim: '2', moment, seed: 5 });

      expect(result.keptBeforeCrash).toBe(12);
      // Round-robin pins each new user to the next server: a third of them are on server 2.
      expect(result.pinnedToVictim).toBe(4);
      expect(result.lostShare).toBe(result.expectedShare);
      expect(result.lostExactlyThePinned).toBe(true);
      expect(result.servedAfter['2']).toBeUndefined();

      await lab.server('2').restart();
      await waitFor(() => lab.balancer!.pool.get('2')?.health === 'up', 'server 2 to rejoin');
    },
  );
});
