import {
  againIfNotStarted,
  barChartSvg,
  figuresOverRounds,
  formatTable,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { createSessions, measureHoldings, type MemoryResult } from './memory';
import { chapter, rounds, withLab, writeSvg } from './with-lab';

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
  const byRound: Array<Record<string, Figure>> = [];
  let last: { table: ReturnType<typeof holdingsTable>; growth: GrowthRow[] } | undefined;
  for (let round = 1; round <= rounds; round++) {
    console.log(`\nround ${round} of ${rounds}`);
    const allToAll = await measure('all-to-all');
    const primaryBackup = await measure('primary-backup');
    // The same sessions on 2 and 5 servers: copies and bytes grow with N, the sessions do not.
    const growth = [
      { servers: 2, result: await measure('all-to-all', 2) },
      { servers: 3, result: allToAll },
      { servers: 5, result: await measure('all-to-all', 5) },
    ].map(({ servers, result }) => growthRow(servers, result));
    const table = holdingsTable(allToAll, primaryBackup);
    byRound.push(figuresOf(allToAll, primaryBackup, growth));
    last = { table, growth };
  }
  const { table, growth } = last!;
  console.log(
    `\n${formatTable(growth, 'All-to-all: what the cluster holds as servers are added (last round)')}`,
  );
  console.log(`\n${formatTable(table, 'What each server holds (last round)')}`);
  const figures: Record<string, Figure> = { rounds, ...figuresOverRounds(byRound) };
  console.log(
    `primary-backup holds ${figures.primaryBackupSavingPercent}% (${figures.primaryBackupSavingMinPercent}–${figures.primaryBackupSavingMaxPercent}) fewer session bytes than all-to-all`,
  );
  writeResults(chapter, {
    experiment: 'memory',
    parameters: { rounds, sessions, itemsPerCart, servers: '3 (growth: 2, 3 and 5)' },
    figures,
    tables: { perServer: table, growth },
  });
  writeSvg(
    'memory',
    barChartSvg(
      `Session bytes held per server, ${sessions} sessions (last round)`,
      table.map((row) => ({
        group: row.mode,
        label: `server ${row.server}`,
        value: row.storeBytes,
      })),
      ' B',
    ),
  );
}

type GrowthRow = {
  servers: number;
  copiesHeld: number;
  totalStoreBytes: number;
  oneCopyBytes: number;
  copiesPerSession: number;
};

function growthRow(servers: number, result: MemoryResult): GrowthRow {
  return {
    servers,
    copiesHeld: result.perServer.reduce((sum, s) => sum + s.sessions, 0),
    totalStoreBytes: result.totalStoreBytes,
    oneCopyBytes: result.oneCopyBytes,
    copiesPerSession: Math.round((result.totalStoreBytes / result.oneCopyBytes) * 100) / 100,
  };
}

function holdingsTable(allToAll: MemoryResult, primaryBackup: MemoryResult) {
  const rows = (mode: string, result: MemoryResult) =>
    result.perServer.map((server) => ({ mode, ...server }));
  return [...rows('all-to-all', allToAll), ...rows('primary-backup', primaryBackup)];
}

function figuresOf(
  allToAll: MemoryResult,
  primaryBackup: MemoryResult,
  growth: GrowthRow[],
): Record<string, Figure> {
  const saving = 1 - primaryBackup.totalStoreBytes / allToAll.totalStoreBytes;
  return {
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
}
