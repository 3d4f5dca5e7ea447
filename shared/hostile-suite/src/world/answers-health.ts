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
