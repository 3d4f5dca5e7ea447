import {
  barChartSvg,
  figuresOverRounds,
  formatSpread,
  formatSpreadOf,
  formatTable,
  spreadOf,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { measureStaleReads, type StaleReadResult } from './timing-window';
import { chapter, percent, rounds, withLab, writeSvg } from './with-lab';

const delays = [0, 20, 100, 300];
const modes = ['async', 'sync'] as const;
const trials = 40;

export async function runTimingWindow(): Promise<void> {
  console.log(
    `\n[timing-window] write on server 1, read at once on server 2; ${rounds} rounds of ${trials} trials per row`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const byRound: Array<Record<string, Figure>> = Array.from({ length: rounds }, () => ({}));
  const chart: Array<{ group: string; label: string; value: number }> = [];
  for (const mode of modes) {
    for (const delay of delays) {
      const results = await withLab(
        { env: { REPLICATION_MODE: mode, REPLICATION_DELAY_MS: String(delay) } },
        async (lab) => {
          const measured: StaleReadResult[] = [];
          for (let round = 0; round < rounds; round++)
            measured.push(await measureStaleReads(lab, trials, true));
          return measured;
        },
      );
      results.forEach((result, round) => {
        byRound[round][`${mode}${delay}msStalePercent`] = percent(result.staleRate);
        byRound[round][`${mode}${delay}msWriteMs`] = result.meanWriteMs;
      });
      const stale = spreadOf(results.map((result) => percent(result.staleRate)));
      rows.push({
        mode,
        delayMs: delay,
        trials,
        'stale reads (%)': formatSpread(stale, 1),
        'mean write (ms)': formatSpreadOf(
          results.map((r) => r.meanWriteMs),
          1,
        ),
      });
      chart.push({ group: mode, label: `delay ${delay} ms`, value: stale.median });
    }
  }
  console.log(
    `\n${formatTable(rows, 'Stale reads: write on 1, read on 2 at once (median, min–max of the rounds)')}`,
  );
  writeResults(chapter, {
    experiment: 'timing-window',
    parameters: { rounds, trials, servers: 3 },
    figures: { rounds, ...figuresOverRounds(byRound) },
    tables: { staleReads: rows },
  });
  writeSvg('timing-window', barChartSvg('Stale reads right after a write (%, median)', chart, '%'));
}
