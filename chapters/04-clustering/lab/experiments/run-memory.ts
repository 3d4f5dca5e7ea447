import {
  againIfNotStarted,
  barChartSvg,
  formatTable,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { createSessions, measureHoldings, type MemoryResult } from './memory';
import { chapter, withLab, writeSvg } from './with-lab';

const sessions = 500;
const itemsPerCart = 3;

export async function runMemory(): Promise<void> {
  console.log(
    `\n[memory] ${sessions} sessions (${itemsPerCart} cart items each) created through the balancer`,
  );
  const measure = (clusterMode: string, servers = 3) =>
    againIfNotStarted(
      () =>
        withLab({ servers, env: { CLUSTER_MODE: clusterMode } }, async (lab) => {
          await createSessions(lab, sessions, itemsPerCart, true);
          return measureHoldings(lab, sessions);
        }),
      5, // four labs of up to five servers each: on a busy machine one may miss its start
    );
  const allToAll = await measure('all-to-all');
  const primaryBackup = await measure('primary-backup');
  // The same sessions on 2 and 5 servers: copies and bytes grow with N, the sessions do not.
  const growth = [
    { servers: 2, result: await measure('all-to-all', 2) },
    { servers: 3, result: allToAll },
    { servers: 5, result: await measure('all-to-all', 5) },
  ].map(({ servers, result }) => ({
    servers,
    copiesHeld: result.perServer.reduce((sum, s) => sum + s.sessions, 0),
    totalStoreBytes: result.totalStoreBytes,
    oneCopyBytes: result.oneCopyBytes,
    copiesPerSession: Math.round((result.totalStoreBytes / result.oneCopyBytes) * 100) / 100,
  }));
  console.log(
    `\n${formatTable(growth, 'All-to-all: what the cluster holds as servers are added')}`,
  );

  const rows = (mode: string, result: MemoryResult) =>
    result.perServer.map((server) => ({ mode, ...server }));
  const table = [...rows('all-to-all', allToAll), ...rows('primary-backup', primaryBackup)];
  console.log(`\n${formatTable(table, 'What each server holds')}`);
  const saving = 1 - primaryBackup.totalStoreBytes / allToAll.totalStoreBytes;
  const figures: Record<string, Figure> = {
    sessions,
    allToAllSessionsPerServer: allToAll.perServer[0].sessions,
    allToAllMinSessionsPerServer: Math.min(...allToAll.perServer.map((s) => s.sessions)),
    allToAllStoreBytesPerServer: allToAll.perServer[0].storeBytes,
    allToAllTotalStoreBytes: allToAll.totalStoreBytes,
    oneCopyBytes: allToAll.oneCopyBytes,
    primaryBackupTotalStoreBytes: primaryBackup.totalStoreBytes,
    primaryBackupFullCopies: primaryBackup.perServer.reduce((sum, s) => sum + s.sessions, 0),
    primaryBackupLocators: primaryBackup.perServer.reduce((sum, s) => sum + s.locators, 0),
    primaryBackupSavingPercent: Math.round(saving * 1000) / 10,
    ...Object.fromEntries(
      growth.flatMap((row) => [
        [`allToAll${row.servers}ServersCopiesHeld`, row.copiesHeld],
        [`allToAll${row.servers}ServersTotalStoreBytes`, row.totalStoreBytes],
        [`allToAll${row.servers}ServersCopiesPerSession`, row.copiesPerSession],
      ]),
    ),
  };
  console.log(
    `primary-backup holds ${figures.primaryBackupSavingPercent}% fewer session bytes than all-to-all`,
  );
  writeResults(chapter, {
    experiment: 'memory',
    parameters: { sessions, itemsPerCart, servers: '3 (growth: 2, 3 and 5)' },
    figures,
    tables: { perServer: table, growth },
  });
  writeSvg(
    'memory',
    barChartSvg(
      `Session bytes held per server, ${sessions} sessions`,
      table.map((row) => ({
        group: row.mode,
        label: `server ${row.server}`,
        value: row.storeBytes,
      })),
      ' B',
    ),
  );
}
