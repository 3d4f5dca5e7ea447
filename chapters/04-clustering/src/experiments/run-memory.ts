import { barChartSvg, formatTable, writeResults, type Figure } from '@sessions/harness';
import { createSessions, measureHoldings, type MemoryResult } from './memory';
import { chapter, withLab, writeSvg } from './with-lab';

const sessions = 500;
const itemsPerCart = 3;

export async function runMemory(): Promise<void> {
  console.log(
    `\n[memory] ${sessions} sessions (${itemsPerCart} cart items each) created through the balancer`,
  );
  const measure = (clusterMode: string) =>
    withLab({ env: { CLUSTER_MODE: clusterMode } }, async (lab) => {
      await createSessions(lab, sessions, itemsPerCart, true);
      return measureHoldings(lab, sessions);
    });
  const allToAll = await measure('all-to-all');
  const primaryBackup = await measure('primary-backup');

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
  };
  console.log(
    `primary-backup holds ${figures.primaryBackupSavingPercent}% fewer session bytes than all-to-all`,
  );
  writeResults(chapter, {
    experiment: 'memory',
    parameters: { sessions, itemsPerCart, servers: 3 },
    figures,
    tables: { perServer: table },
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
