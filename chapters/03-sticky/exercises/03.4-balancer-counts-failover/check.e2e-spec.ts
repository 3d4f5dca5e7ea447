import { startLab, type Lab } from '@sessions/harness';
import { measureFailoverLoss, type FailoverMoment } from '../../lab/experiments/failover-loss';
import { labFor } from '../../lab/lab';

// Health checks as in test/stickiness.e2e-spec.ts: a test that waits for them does not wait long.
const healthCheck = { intervalMs: 300, fall: 3, rise: 2, timeoutMs: 250 };

describe('exercise 03.4: the balancer counts exactly the users the crash took from their server', () => {
  it.each<FailoverMoment>(['right-after-crash', 'after-health-checks'])(
    'failover experiment, users back %s: reroutedByBalancer equals the users who lost their session',
    async (moment) => {
      const lab: Lab = await startLab(labFor('app'), { balancer: { healthCheck } });
      try {
        const result = (await measureFailoverLoss(lab, {
          users: 9,
          victim: '2',
          moment,
          seed: 5,
        })) as Awaited<ReturnType<typeof measureFailoverLoss>> & { reroutedByBalancer?: number };
        if (typeof result.reroutedByBalancer !== 'number')
          throw new Error(
            'measureFailoverLoss returns no reroutedByBalancer yet: how much the balancer’s sticky-server-down counter grew after the kill.',
          );
        if (result.reroutedByBalancer !== result.lost || result.lost !== result.pinnedToVictim)
          throw new Error(
            `The balancer counted ${result.reroutedByBalancer} rerouted requests, the experiment ${result.lost} lost sessions, for ${result.pinnedToVictim} users pinned to the dead server: count each request that could not reach its sticky server once (the sticky-server-down counter), between the kill and the end.`,
          );
      } finally {
        await lab.stop();
      }
    },
  );
});
