import { redisCommand, redisInfo, type Lab, type RespValue } from '@sessions/harness';

/** The Redis a lab started: its port and the password it requires. */
export interface LabRedis {
  port: number;
  password: string;
}

/** The Redis the lab started (the exercises' labs always start their own), from its REDIS_URL. */
export function labRedisOf(lab: Lab): LabRedis {
  const url = lab.services?.env?.REDIS_URL;
  if (!url) throw new Error('this check needs the chapter lab with its own Redis');
  const parsed = new URL(url);
  return { port: Number(parsed.port), password: decodeURIComponent(parsed.password) };
}

/** One command to the lab's Redis, authenticated. */
export function labRedisCommand(redis: LabRedis, args: string[]): Promise<RespValue> {
  return redisCommand(redis.port, args, { password: redis.password });
}

/**
 * How many times Redis ran each command since it started (INFO commandstats): counts, not
 * timings, so the check tells the same story on a slow machine.
 */
export async function redisCalls(redis: LabRedis): Promise<Record<string, number>> {
  const stats = await redisInfo(redis.port, 'commandstats', { password: redis.password });
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
