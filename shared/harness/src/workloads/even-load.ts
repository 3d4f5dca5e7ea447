import type { Lab } from '../lab/lab';
import {
  runSkewWorkload,
  type SkewWorkloadOptions,
  type SkewWorkloadResult,
} from './skew-workload';

/** The unequal users chapter 03 measures skew with; chapters 04 and 05 run exactly the same. */
export const courseSkewWorkload: Omit<SkewWorkloadOptions, 'serverIds'> = {
  heavyUsers: 4,
  heavyRequests: 60,
  lightUsers: 60,
  lightRequests: 3,
  arrivalTicks: 30,
  seed: 3,
};

export interface EvenLoadResult extends SkewWorkloadResult {
  /** Requests answered 401: the server that took them did not know the user. */
  requestsWithoutSession: number;
}

/**
 * Runs the skew workload through a lab's balancer and also counts the requests that met a
 * server without the user's session: evenness is only worth it if nobody loses a session.
 */
export async function measureEvenLoad(
  lab: Lab,
  workload: Omit<SkewWorkloadOptions, 'serverIds'> = courseSkewWorkload,
): Promise<EvenLoadResult> {
  if (!lab.balancer) throw new Error('measureEvenLoad needs a lab with a balancer');
  let requestsWithoutSession = 0;
  const unsubscribe = lab.balancer.events.subscribe((event) => {
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
