import { chapterDir, formatTable, startLab, writeResults } from '@sessions/harness';
import { externalStorageLab } from '../lab';
import { measureFailover, type FailoverOptions } from './failover';

// npm run experiment:failover -w chapters/05-external-storage
export async function runFailover(): Promise<void> {
  const options: FailoverOptions = { settledUsers: 50, writers: 8, afterKillMs: 5000 };
  console.log(
    `Sentinel failover: ${options.settledUsers} users log in and are replicated, ${options.writers} users keep adding to their carts, then the primary is killed (kill -9).`,
  );
  const lab = await startLab(externalStorageLab('redis-sentinel'), { servers: 2 });
  try {
    const result = await measureFailover(lab, options);
    const rows = [
      { figure: 'kill -9 to promotion by Sentinel (ms)', value: result.promotionMs },
      { figure: 'kill -9 to the first acknowledged write (ms)', value: result.writeOutageMs },
      { figure: 'sessions written before the kill', value: result.settledSessions },
      { figure: '... that survived', value: result.settledSurvived },
      { figure: 'writes acknowledged (200)', value: result.acknowledgedWrites },
      { figure: 'writes refused (503) during the failover', value: result.refusedWrites },
      { figure: 'acknowledged writes lost', value: result.lostWrites },
    ];
    console.log(`\n${formatTable(rows, 'Sentinel failover')}`);
    const file = writeResults(chapterDir('05-external-storage'), {
      experiment: 'failover',
      parameters: { ...options, downAfterMs: 1000, failoverTimeoutMs: 5000, sentinels: 3 },
      figures: { ...result },
    });
    console.log(`\nwrote ${file}`);
  } finally {
    await lab.stop();
  }
}
