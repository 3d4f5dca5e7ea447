import { networkTestGate, startLab, useMeasurement, type Lab } from '@sessions/harness';
import { sentinelOnHostsLab } from '../lab/sentinel-lab';
import {
  measureStorePartition,
  type MinReplicas,
  type StorePartitionResult,
} from '../lab/store-partition';

const describeNetwork = networkTestGate().describe;
const paceMs = 100;
const holdAfterPromotionMs = 3_000;
const minReplicas: MinReplicas = { toWrite: 1, maxLagSeconds: 1 };

async function partitionOnce(settings?: MinReplicas): Promise<StorePartitionResult> {
  const { definition, store } = sentinelOnHostsLab();
  const lab: Lab = await startLab(definition, { serverReadyTimeoutMs: 60_000 });
  try {
    return await measureStorePartition(lab, store(), {
      paceMs,
      holdAfterPromotionMs,
      minReplicas: settings,
    });
  } finally {
    await lab.stop();
  }
}

describeNetwork('the Redis primary and s1 cut off from the replica, the Sentinels and s2', () => {
  describe('with replication asynchronous and nothing else', () => {
    const result = useMeasurement(() => partitionOnce(), 180_000);

    it('the Sentinels promote the replica, and the old primary rejoins as its replica after the heal', () => {
      expect(result.oldPrimaryRole).toBe('slave');
    });

    it('the old primary acknowledges writes on its side, and they are lost when it rejoins', () => {
      expect(result.minority.acknowledged).toBeGreaterThan(0);
      expect(result.minority.lost).toBeGreaterThan(0);
    });

    it('the majority side loses at most the one write in flight when the partition began', () => {
      expect(result.majority.lost).toBeLessThanOrEqual(1);
    });
  });

  describe('with min-replicas-to-write 1 and min-replicas-max-lag 1 on the primary', () => {
    const result = useMeasurement(() => partitionOnce(minReplicas), 180_000);

    it('the old primary refuses writes once its replica has been silent longer than the lag', () => {
      expect(result.minority.refused).toBeGreaterThan(0);
    });

    it('loses no more writes than could be accepted within the lag window', () => {
      // (max-lag + 2) s at one write per pace, plus one in flight: see lossBound().
      expect(result.lossBound).toBe(Math.floor(3_000 / paceMs) + 2);
      expect(result.minority.lost).toBeLessThanOrEqual(result.lossBound!);
    });

    it('still rejoins the old primary as a replica, and the majority side loses at most the write in flight', () => {
      expect(result.oldPrimaryRole).toBe('slave');
      expect(result.majority.lost).toBeLessThanOrEqual(1);
    });
  });
});
