import {
  startReplicatedRedis,
  type LabContext,
  type LabDefinition,
  type LabServices,
  type ReplicatedRedis,
} from '@sessions/harness';

/**
 * Sentinel's timing in this lab. A primary silent this long is "down" for a Sentinel; the
 * default is 30 s, far too long to watch. The failover timeout bounds one failover attempt.
 */
export const sentinelTiming = { downAfterMs: 1000, failoverTimeoutMs: 3000 };

// #region sentinel-lab
/**
 * Chapter 05's servers with Redis made highly available, every part on a host of its own:
 * the primary (redis), the replica (replica), three Sentinels (sen1-sen3) and the two
 * servers (s1, s2). The servers find the primary by asking the Sentinels.
 */
export function sentinelOnHostsLab(): {
  definition: LabDefinition;
  store: () => ReplicatedRedis;
} {
  let started: ReplicatedRedis | undefined;
  const services = async ({ network }: LabContext): Promise<LabServices> => {
    if (!network) throw new Error('the Sentinel partition lab runs in hosts mode');
    started = await startReplicatedRedis({ network, ...sentinelTiming });
    const redis = started;
    return {
      env: { SESSION_STORE: 'redis', ...redis.env },
      describe: () => ({
        store: 'redis-sentinel',
        redis: [redis.primary, redis.replica].map((node) => node.address),
        sentinels: redis.sentinels.nodes.map((node) => `${node.host}:${node.port}`),
      }),
      stop: () => redis.stop(),
    };
  };
  return {
    definition: {
      chapter: '05-external-storage',
      title: 'Chapter 06 · the store under a partition: Redis, its replica and three Sentinels',
      servers: 2,
      strategy: 'round-robin',
      network: 'hosts',
      services,
      tryThis: ['Dashboard: isolate "redis,s1" and watch the Sentinels promote the replica.'],
    },
    store: () => {
      if (!started) throw new Error('the lab has not started its store yet');
      return started;
    },
  };
}
// #endregion sentinel-lab
