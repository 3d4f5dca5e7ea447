import { isHealthy, serverReadyTimeoutMs, waitFor } from '@sessions/harness';

/**
 * Whether a server answers GET /health within `withinMs`, asking again until then: on a busy
 * machine one answer can be slow without the server being down. The default bound is the
 * time a server is given to start, so "not answering" means as slow as a failed start.
 */
export async function answersHealth(
  url: string,
  withinMs: number = serverReadyTimeoutMs,
): Promise<boolean> {
  return waitFor(() => isHealthy(url), `${url} to answer /health`, withinMs, 200).then(
    () => true,
    () => false,
  );
}

/** Whether a balancer answers GET /__lb/state within `withinMs`, asking again until then. */
export async function balancerAnswers(
  url: string,
  withinMs: number = serverReadyTimeoutMs,
): Promise<boolean> {
  const answers = () =>
    fetch(`${url}/__lb/state`, { signal: AbortSignal.timeout(2000) })
      .then(async (response) => (await response.arrayBuffer(), response.status === 200))
      .catch(() => false);
  return waitFor(answers, `the balancer at ${url} to answer /__lb/state`, withinMs, 200).then(
    () => true,
    () => false,
  );
}
