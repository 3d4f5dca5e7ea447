import { barChartSvg, formatTable, writeResults, type Figure } from '@sessions/harness';
import { measureStaleReads } from './timing-window';
import { chapter, percent, withLab, writeSvg } from './with-lab';

const delays = [0, 20, 100, 300];
const modes = ['async', 'sync'] as const;
const trials = 40;

export async function runTimingWindow(): Promise<void> {
  console.log(
    `\n[timing-window] write on server 1, read at once on server 2; ${trials} trials per row`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const figures: Record<string, Figure> = {};
  for (const mode of modes) {
    for (const delay of delays) {
      const result = await withLab(
        { env: { REPLICATION_MODE: mode, REPLICATION_DELAY_MS: String(delay) } },
        (lab) => measureStaleReads(lab, trials, true),
      );
      rows.push({
        mode,
        delayMs: delay,
        trials,
        staleReads: result.staleReads,
        stalePercent: percent(result.staleRate),
        meanWriteMs: result.meanWriteMs,
      });
      figures[`${mode}${delay}msStalePercent`] = percent(result.staleRate);
      figures[`${mode}${delay}msWriteMs`] = result.meanWriteMs;
    }
  }
  console.log(`\n${formatTable(rows, 'Stale reads: write on 1, read on 2 at once')}`);
  writeResults(chapter, {
    experiment: 'timing-window',
    parameters: { trials, servers: 3 },
    figures,
    tables: { staleReads: rows },
  });
  writeSvg(
    'timing-window',
    barChartSvg(
      'Stale reads right after a write (%)',
      rows.map((row) => ({
        group: String(row.mode),
        label: `delay ${row.delayMs} ms`,
        value: Number(row.stalePercent),
      })),
      '%',
    ),
  );
}
