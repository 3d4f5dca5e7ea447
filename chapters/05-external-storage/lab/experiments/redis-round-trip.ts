import { createClient } from 'redis';
import { percentile, redisInfo, startRedis } from '@sessions/harness';

export interface RedisRoundTrip {
  /** Per round: the median time of one GET, as the app's client sees it (loopback, one connection). */
  clientP50Ms: number[];
  /** Per round: the time Redis itself spent per GET (INFO commandstats usec_per_call). */
  serverUsPerCall: number[];
}

// #region redis-round-trip
/**
 * What one Redis command costs on loopback, measured twice: from the client (send, Redis
 * works, answer back: the round trip a request pays per command) and inside Redis (its own
 * count of microseconds per call). `requests` GETs one after the other, per round.
 */
export async function measureRedisRoundTrip(
  rounds: number,
  requests: number,
): Promise<RedisRoundTrip> {
  const redis = await startRedis();
  const client = createClient({ url: redis.url });
  client.on('error', () => {});
  const result: RedisRoundTrip = { clientP50Ms: [], serverUsPerCall: [] };
  try {
    await client.connect();
    await client.set('course:sess:example', JSON.stringify({ userid: 'a', cart: ['apple'] }));
    for (let round = 0; round < rounds; round++) {
      await client.configResetStat();
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const started = performance.now();
        await client.get('course:sess:example');
        times.push(performance.now() - started);
      }
      const stats = await redisInfo(redis.port, 'commandstats', { password: redis.password });
      const usPerCall = Number(/usec_per_call=([\d.]+)/.exec(stats.cmdstat_get ?? '')?.[1]);
      result.clientP50Ms.push(Math.round(percentile(times, 50) * 1000) / 1000);
      result.serverUsPerCall.push(Math.round(usPerCall * 100) / 100);
    }
    return result;
  } finally {
    await client.quit().catch(() => {});
    await redis.stop();
  }
}
// #endregion redis-round-trip
