import { isHealthy, sleep } from '@sessions/harness';

/** A busy machine can make one health check slow: a server is down after three misses in a row. */
export async function answersHealth(url: string): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await isHealthy(url)) return true;
    await sleep(300);
  }
  return false;
}
