import { chapterDir, formatTable, progress, writeResults } from '@sessions/harness';
import { measureRestart, restartCases, type RestartRow } from './store-restart';

// npm run experiment -w chapters/05-external-storage -- store-restart
export async function runStoreRestart(): Promise<void> {
  const users = 50;
  console.log(
    `What survives a restart of the store: ${users} users log in, the store restarts, who is still logged in?`,
  );
  const rows: RestartRow[] = [];
  for (const [i, testCase] of restartCases.entries()) {
    progress('stores', i, restartCases.length);
    rows.push(await measureRestart(testCase, users));
  }
  progress('stores', restartCases.length, restartCases.length);
  console.log(`\n${formatTable(rows, 'Sessions after a store restart')}`);
  const keys = ['redisNoPersistence', 'redisAofClean', 'redisAofKill9', 'postgresClean'];
  const file = writeResults(chapterDir('05-external-storage'), {
    experiment: 'store-restart',
    parameters: { users, aofFsync: 'everysec' },
    figures: Object.fromEntries(rows.map((row, i) => [`${keys[i]}Survived`, row.sessionsAfter])),
    tables: { restarts: rows.map((row) => ({ ...row })) },
  });
  console.log(`\nwrote ${file}`);
}
