import { formatTable, writeResults, type Figure } from '@sessions/harness';
import { createSessions } from './memory';
import { measureJoin, measureRollingReconfiguration } from './scale-out';
import { chapter, withLab } from './with-lab';

const sizes = [100, 1000, 3000];

export async function runScaleOut(): Promise<void> {
  console.log(`\n[scale-out] a fourth server joins a running cluster holding S sessions`);
  const rows: Array<Record<string, Figure>> = [];
  const figures: Record<string, Figure> = {};
  for (const sessions of sizes) {
    const row = await withLab({}, async (lab) => {
      await createSessions(lab, sessions, 1, true);
      const join = await measureJoin(lab);
      // What a static peer list would cost instead: restart the three others with the new list.
      const rolling =
        sessions === sizes[sizes.length - 1] ? await measureRollingReconfiguration(lab) : undefined;
      return { join, rolling };
    });
    rows.push({
      sessions,
      joinMs: row.join.joinMs,
      stateTransferMs: row.join.stateTransferMs,
      sessionsPulled: row.join.sessionsPulled,
      bytesPulled: row.join.bytesPulled,
      bytesPerSession: Math.round(row.join.bytesPulled / row.join.sessionsPulled),
      peersThatKnowIt: row.join.peersThatKnowIt,
    });
    figures[`join${sessions}Ms`] = row.join.joinMs;
    figures[`join${sessions}TransferMs`] = row.join.stateTransferMs;
    figures[`join${sessions}Bytes`] = row.join.bytesPulled;
    figures[`join${sessions}KiB`] = Math.round(row.join.bytesPulled / 1024);
    if (row.rolling) {
      figures.rollingRestartSessions = sessions;
      figures.rollingRestartServers = row.rolling.serversRestarted;
      figures.rollingRestartMs = row.rolling.totalMs;
      figures.rollingRestartKiB = Math.round(row.rolling.bytesPulled / 1024);
    }
  }
  console.log(
    `\n${formatTable(rows, 'Joining a cluster: the new server pulls every session first')}`,
  );
  console.log(
    `static peer list instead: restarting ${figures.rollingRestartServers} servers one by one took ${figures.rollingRestartMs} ms and pulled ${figures.rollingRestartKiB} KiB`,
  );
  writeResults(chapter, {
    experiment: 'scale-out',
    parameters: { sizes: sizes.join(',') },
    figures,
    tables: { join: rows },
  });
}
