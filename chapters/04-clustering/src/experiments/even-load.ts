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
  /** Requests answered 401: the server did not know the user (a session not replicated yet). */
  requestsWithoutSession: number;
}

// #region even-load
/** The advantage: with every session on every server, plain round-robin is fine for everyone. */
export async function measureEvenLoad(
  lab: Lab,
  workload: Omit<SkewWorkloadOptions, 'serverIds'>,
): Promise<EvenLoadResult> {
  let requestsWithoutSession = 0;
  // The balancer sees every answer's status: a 401 means "this server does not know you".
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
