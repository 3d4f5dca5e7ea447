import {
  runSkewWorkload,
  type Lab,
  type SkewWorkloadOptions,
  type SkewWorkloadResult,
} from '@sessions/harness';

/** Chapter 03's workload, the same numbers: 4 heavy users, 60 light ones, arriving over 30 ticks. */
export const chapter03Workload: Omit<SkewWorkloadOptions, 'serverIds'> = {
  heavyUsers: 4,
  heavyRequests: 60,
  lightUsers: 60,
  lightRequests: 3,
  arrivalTicks: 30,
  seed: 3,
};

export interface EvenLoadResult extends SkewWorkloadResult {
  /** Requests answered 401 (a server that did not know the user): none, with a shared store. */
  requestsWithoutSession: number;
}

// #region even-load
/**
 * The unequal users that piled onto one server under stickiness (chapter 03), now behind
 * plain round-robin: the store holds every session, so every request may go anywhere.
 */
export async function measureEvenLoad(
  lab: Lab,
  workload: Omit<SkewWorkloadOptions, 'serverIds'>,
): Promise<EvenLoadResult> {
  let requestsWithoutSession = 0;
  const unsubscribe = lab.balancer!.events.subscribe((event) => {
    if (event.status === 401) requestsWithoutSession += 1;
  });
  try {
    const result = await runSkewWorkload(lab.url, {
      ...workload,
      serverIds: lab.servers.map((server) => server.id),
    });
    return { ...result, requestsWithoutSession };
  } finally {
    unsubscribe();
  }
}
// #endregion even-load
