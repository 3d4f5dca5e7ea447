import { busyMachineSlackMs, serverReadyTimeoutMs, startLab, type Lab } from '@sessions/harness';
import { loadChapterLab, type ChapterName } from '@sessions/labs';

/** Health checks every 200 ms, out after 2 failures, back after 2 successes. */
export const faultLabHealthCheck = { intervalMs: 200, fall: 2, rise: 2, timeoutMs: 400 };
/** Well past the time health checks need to take a hung server out. */
export const faultLabProxyTimeoutMs = 3000;

/**
 * What those settings promise, for the report to compare with (never asserted: timings on a
 * shared machine are noisy). A hung server fails `fall` checks, each taking up to the check
 * timeout after up to one interval; a dead one fails them at once; a resumed one passes
 * `rise` checks after the one still in flight times out.
 */
export const faultLabBounds = {
  hungOutOfPoolMs:
    faultLabHealthCheck.fall * (faultLabHealthCheck.intervalMs + faultLabHealthCheck.timeoutMs),
  deadOutOfPoolMs: faultLabHealthCheck.fall * faultLabHealthCheck.intervalMs,
  resumedBackInPoolMs:
    faultLabHealthCheck.timeoutMs + faultLabHealthCheck.rise * faultLabHealthCheck.intervalMs,
};

/**
 * How long the fault tests wait for what those settings promise: the promise plus room for a
 * busy machine. A restarted server also gets the time any server is given to start.
 */
export const faultLabWaits = {
  outOfPoolMs: faultLabBounds.hungOutOfPoolMs + busyMachineSlackMs,
  backInPoolMs: serverReadyTimeoutMs + faultLabBounds.resumedBackInPoolMs + busyMachineSlackMs,
};

/** A chapter's lab with those health checks and proxy timeout: a fault plays out in seconds. */
export async function startFaultLab(chapter: ChapterName, variant?: string): Promise<Lab> {
  return startLab(await loadChapterLab(chapter, variant), {
    balancer: { proxyTimeoutMs: faultLabProxyTimeoutMs, healthCheck: faultLabHealthCheck },
  });
}
