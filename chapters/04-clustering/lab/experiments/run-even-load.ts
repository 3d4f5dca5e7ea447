import {
  barChartSvg,
  courseSkewWorkload,
  figuresOverRounds,
  formatTable,
  measureEvenLoad,
  writeResults,
  type EvenLoadResult,
  type Figure,
} from '@sessions/harness';
import { chapter, rounds, withLab, writeSvg } from './with-lab';

export async function runEvenLoad(): Promise<void> {
  console.log(
    `\n[even-load] chapter 03's workload: ${courseSkewWorkload.heavyUsers} heavy and ${courseSkewWorkload.lightUsers} light users, round-robin`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const byRound: Array<Record<string, Figure>> = Array.from({ length: rounds }, () => ({}));
  for (const mode of ['async', 'sync']) {
    const results = await withLab({ env: { REPLICATION_MODE: mode } }, async (lab) => {
      const measured: EvenLoadResult[] = [];
      for (let round = 0; round < rounds; round++)
        measured.push(await measureEvenLoad(lab, courseSkewWorkload));
      return measured;
    });
    for (const [server, requests] of Object.entries(results[0].requestsPerServer))
      rows.push({ mode, server, requests });
    results.forEach((result, round) => {
      byRound[round][`${mode}MaxOverMean`] = result.maxOverMean;
      byRound[round][`${mode}Requests`] = result.requests;
      byRound[round][`${mode}RequestsWithoutSession`] = result.requestsWithoutSession;
    });
  }
  const figures: Record<string, Figure> = { rounds, ...figuresOverRounds(byRound) };
  console.log(`\n${formatTable(rows, 'Requests per server (first round)')}`);
  console.log(
    `max/mean: async ${figures.asyncMaxOverMean}, sync ${figures.syncMaxOverMean}; cart requests refused (401), median (min–max) of ${rounds} rounds: async ${figures.asyncRequestsWithoutSession} (${figures.asyncRequestsWithoutSessionMin}–${figures.asyncRequestsWithoutSessionMax}), sync ${figures.syncRequestsWithoutSession} (${figures.syncRequestsWithoutSessionMin}–${figures.syncRequestsWithoutSessionMax})`,
  );
  writeResults(chapter, {
    experiment: 'even-load',
    parameters: { rounds, ...courseSkewWorkload },
    figures,
    tables: { requestsPerServer: rows },
  });
  writeSvg(
    'even-load',
    barChartSvg(
      "Requests per server, chapter 03's skewed users",
      rows
        .filter((row) => row.mode === 'async')
        .map((row) => ({ label: `server ${row.server}`, value: Number(row.requests) })),
    ),
  );
}
