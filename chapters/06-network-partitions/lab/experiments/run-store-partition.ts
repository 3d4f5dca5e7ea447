import { formatSpread, spreadOf, startLab, type Figure } from '@sessions/harness';
import { sentinelOnHostsLab, sentinelTiming } from '../sentinel-lab';
import {
  acceptWindowMs,
  lossBound,
  measureStorePartition,
  type MinReplicas,
  type StorePartitionResult,
} from '../store-partition';
import { report } from './report';

const rounds = 3;
const paceMs = 100;
const holdAfterPromotionMs = 3_000;
const minReplicas: MinReplicas = { toWrite: 1, maxLagSeconds: 1 };
const modes: Array<{ name: string; minReplicas?: MinReplicas }> = [
  { name: 'async' },
  { name: 'minReplicas', minReplicas },
];

type Measure = (result: StorePartitionResult) => number;
const measures: Record<string, Measure> = {
  minorityAcknowledged: (r) => r.minority.acknowledged,
  minorityAcknowledgedDuringPartition: (r) => r.minority.acknowledgedDuringPartition,
  minorityRefused: (r) => r.minority.refused,
  minorityLost: (r) => r.minority.lost,
  majorityAcknowledged: (r) => r.majority.acknowledged,
  majorityRefused: (r) => r.majority.refused,
  majorityLost: (r) => r.majority.lost,
  promotionMs: (r) => r.promotionMs,
  rejoinMs: (r) => r.rejoinMs,
};

export async function runStorePartition(): Promise<void> {
  console.log(
    `\n[store-partition] ${rounds} rounds per mode: {redis, s1} | {replica, sen1-3, s2}, one writer per side every ${paceMs} ms`,
  );
  const figures: Record<string, Figure> = {
    rounds,
    paceMs,
    holdAfterPromotionMs,
    downAfterMs: sentinelTiming.downAfterMs,
    failoverTimeoutMs: sentinelTiming.failoverTimeoutMs,
    maxLagSeconds: minReplicas.maxLagSeconds,
    acceptWindowMs: acceptWindowMs(minReplicas),
    lossBound: lossBound(minReplicas, paceMs),
  };
  const rows: Array<Record<string, Figure>> = [];
  for (const mode of modes) {
    const results: StorePartitionResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const { definition, store } = sentinelOnHostsLab();
      const lab = await startLab(definition, { serverReadyTimeoutMs: 60_000 });
      try {
        results.push(
          await measureStorePartition(lab, store(), {
            paceMs,
            holdAfterPromotionMs,
            minReplicas: mode.minReplicas,
          }),
        );
      } finally {
        await lab.stop();
      }
    }
    const row: Record<string, Figure> = { mode: mode.name };
    for (const [name, measure] of Object.entries(measures)) {
      const spread = spreadOf(results.map(measure));
      figures[`${mode.name}.${name}`] = Math.round(spread.median);
      figures[`${mode.name}.${name}Range`] = `${Math.round(spread.min)}–${Math.round(spread.max)}`;
      row[name] = formatSpread(spread, 0);
    }
    rows.push(row);
  }
  report('The store under a partition: per round, median (min–max)', rows, {
    experiment: 'store-partition',
    parameters: {
      rounds,
      paceMs,
      holdAfterPromotionMs,
      partition: '{redis, s1} | {replica, sen1, sen2, sen3, s2}',
      minReplicas: `min-replicas-to-write ${minReplicas.toWrite}, min-replicas-max-lag ${minReplicas.maxLagSeconds}`,
    },
    figures,
    tables: { modes: rows },
  });
}
