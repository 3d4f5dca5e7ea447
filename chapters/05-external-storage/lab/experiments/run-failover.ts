import { chapterDir, formatTable, startLab, writeResults } from '@sessions/harness';
import { externalStorageLab } from '../lab';
import { measureFailover, type FailoverOptions, type FailoverResult } from './failover';

export async function onFreshLab(options: FailoverOptions, servers = 2): Promise<FailoverResult> {
  const lab = await startLab(externalStorageLab('redis-sentinel'), { servers });
  try {
    return await measureFailover(lab, options);
  } finally {
    await lab.stop();
  }
}

// npm run experiment -w chapters/05-external-storage -- failover
export async function runFailover(): Promise<void> {
  const base = { settledUsers: 50, writers: 8, afterKillMs: 5000 };
  const replicaBehindMs = 500;
  console.log(
    `Sentinel failover: ${base.settledUsers} users log in and are replicated, ${base.writers} users keep adding to their carts, then the primary is killed (kill -9). Twice: with the replica current, and with the replica ${replicaBehindMs} ms behind.`,
  );
  const current = await onFreshLab({ ...base, replicaBehindMs: 0 });
  const behind = await onFreshLab({ ...base, replicaBehindMs });
  const row = (figure: string, pick: (r: FailoverResult) => number) => ({
    figure,
    'replica current': pick(current),
    [`replica ${replicaBehindMs} ms behind`]: pick(behind),
  });
  const rows = [
    row('kill -9 to promotion by Sentinel (ms)', (r) => r.promotionMs),
    row('kill -9 to the first acknowledged write (ms)', (r) => r.writeOutageMs),
    row('sessions written well before the kill', (r) => r.settledSessions),
    row('... that survived', (r) => r.settledSurvived),
    row('writes acknowledged (200)', (r) => r.acknowledgedWrites),
    row('writes refused (503, or 401 for a lost session)', (r) => r.refusedWrites),
    row('acknowledged writes lost', (r) => r.lostWrites),
  ];
  console.log(`\n${formatTable(rows, 'Sentinel failover')}`);
  const file = writeResults(chapterDir('05-external-storage'), {
    experiment: 'failover',
    parameters: {
      ...base,
      replicaBehindMs,
      downAfterMs: 1000,
      failoverTimeoutMs: 5000,
      sentinels: 3,
    },
    figures: {
      ...current,
      laggingPromotionMs: behind.promotionMs,
      laggingSettledSurvived: behind.settledSurvived,
      laggingAcknowledgedWrites: behind.acknowledgedWrites,
      laggingLostWrites: behind.lostWrites,
    },
    tables: { failover: rows },
  });
  console.log(`\nwrote ${file}`);
}
