import { formatSpread, spreadOf, startLab, type Figure } from '@sessions/harness';
import { clusterOnHosts } from '../cluster-lab';
import { measureSplitBrain, type SplitBrainResult } from '../split-brain';
import { report } from './report';

const users = 6;
const rounds = 3;
const modes = ['async', 'sync'] as const;

type Count = (result: SplitBrainResult) => number;
const counts: Record<string, Count> = {
  acknowledgedMinority: (r) => r.acknowledged.minority,
  acknowledgedMajority: (r) => r.acknowledged.majority,
  replicationFailures: (r) => r.replicationFailures,
  divergedDuringPartition: (r) => r.divergedDuringPartition,
  divergedAfterHeal: (r) => r.divergedAfterHeal,
  lostMinority: (r) => r.lostAcknowledged.minority,
  lostMajority: (r) => r.lostAcknowledged.majority,
  lostTotal: (r) => r.lostAcknowledged.minority + r.lostAcknowledged.majority,
  convergedAfterNextWrite: (r) => r.convergedAfterNextWrite,
};

export async function runSplitBrain(): Promise<void> {
  console.log(
    `\n[split-brain] ${rounds} rounds: ${users} users write on both sides of {s1} | {s2, s3}, then heal`,
  );
  const figures: Record<string, Figure> = { users, rounds };
  const rows: Array<Record<string, Figure>> = [];
  for (const mode of modes) {
    const results: SplitBrainResult[] = [];
    for (let round = 0; round < rounds; round++) {
      const lab = await startLab(clusterOnHosts, {
        env: { REPLICATION_MODE: mode },
        serverReadyTimeoutMs: 60_000,
      });
      try {
        results.push(await measureSplitBrain(lab, users));
      } finally {
        await lab.stop();
      }
    }
    const row: Record<string, Figure> = { mode };
    for (const [name, count] of Object.entries(counts)) {
      const spread = spreadOf(results.map(count));
      figures[`${mode}.${name}`] = spread.median;
      figures[`${mode}.${name}Range`] = `${spread.min}–${spread.max}`;
      row[name] = formatSpread(spread);
    }
    rows.push(row);
  }
  report('Split brain: counts per round, median (min–max)', rows, {
    experiment: 'split-brain',
    parameters: { users, rounds, partition: '{s1} | {s2, s3}' },
    figures,
    tables: { modes: rows },
  });
}
