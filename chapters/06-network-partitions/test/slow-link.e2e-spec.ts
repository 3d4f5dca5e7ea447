import { networkTestGate, useLab, useMeasurement } from '@sessions/harness';
import { healthCheck, measureSlowLink, stickyOnHosts } from '../lab/slow-link';

const describeNetwork = networkTestGate().describe;
const users = 6;
// Long enough for `fall` failed checks, each up to one interval plus its timeout, and a few more requests.
const durationMs = healthCheck.fall * (healthCheck.intervalMs + healthCheck.timeoutMs) + 3_000;
// Shorter than the quickest mark-down: (fall - 1) intervals and one timeout.
const userTimeoutMs = 1_000;

describeNetwork('sticky sessions in memory when the link to s1 drops every packet', () => {
  const lab = useLab(stickyOnHosts, { serverReadyTimeoutMs: 60_000, balancer: { healthCheck } });
  const result = useMeasurement(
    () => measureSlowLink(lab, { link: { lossPercent: 100 }, durationMs, users, userTimeoutMs }),
    120_000,
  );

  it('the balancer places users on both servers', () => {
    expect(result.usersOnS1).toBeGreaterThan(0);
    expect(result.usersOnS1).toBeLessThan(users);
  });

  it('the health checks mark s1 down once, after its checks time out, and never up while the link is bad', () => {
    expect(result.markedDown).toBe(1);
    expect(result.markedUp).toBe(0);
  });

  it('a user pinned to s1 first waits in vain, then is sent to s2 and is logged out there', () => {
    expect(result.requests.failed).toBeGreaterThanOrEqual(result.usersOnS1);
    expect(result.usersRerouted).toBe(result.usersOnS1);
    expect(result.sessionsLost).toBe(result.usersOnS1);
  });

  it('users pinned to s2 never notice', () => {
    expect(result.sessionsLostOnS2).toBe(0);
  });
});

describeNetwork(
  'sticky sessions in memory when the link to s1 is slower than a health check',
  () => {
    // Longer than a check's timeout, well within the users' patience.
    const delayMs = healthCheck.timeoutMs + 200;
    const patientUserMs = 5 * delayMs;
    const lab = useLab(stickyOnHosts, { serverReadyTimeoutMs: 60_000, balancer: { healthCheck } });
    const result = useMeasurement(
      () =>
        measureSlowLink(lab, {
          link: { delayMs },
          durationMs,
          users,
          userTimeoutMs: patientUserMs,
        }),
      120_000,
    );

    it('the health checks mark s1 down although it answers every request, only slowly', () => {
      expect(result.markedDown).toBe(1);
      expect(result.markedUp).toBe(0);
      expect(result.requests.failed).toBe(0);
    });

    it('its users are sent to s2 and logged out there; the users of s2 never notice', () => {
      expect(result.usersRerouted).toBe(result.usersOnS1);
      expect(result.sessionsLost).toBe(result.usersOnS1);
      expect(result.sessionsLostOnS2).toBe(0);
    });
  },
);
