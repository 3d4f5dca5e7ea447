import { redisInfo, type Lab } from '@sessions/harness';

/** The port of the Redis the lab started (the exercises' labs always start their own). */
export function redisPortOf(lab: Lab): number {
  const described = lab.services?.describe?.() as { redis?: { url?: string } } | undefined;
  const url = described?.redis?.url;
  if (!url) throw new Error('this check needs the chapter lab with its own Redis');
  return Number(new URL(url).port);
}

/**
 * How many times Redis ran each command since it started (INFO commandstats): counts, not
 * timings, so the check tells the same story on a slow machine.
 */
export async function redisCalls(port: number): Promise<Record<string, number>> {
  const stats = await redisInfo(port, 'commandstats');
  const calls: Record<string, number> = {};
  for (const [key, value] of Object.entries(stats)) {
    const match = /^cmdstat_(.+)$/.exec(key);
    const count = /calls=(\d+)/.exec(value);
    if (match && count) calls[match[1]] = Number(count[1]);
  }
  return calls;
}

/** Calls of each command between two readings (commands never run count as 0). */
export function callsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
  command: string,
): number {
  return (after[command] ?? 0) - (before[command] ?? 0);
}
