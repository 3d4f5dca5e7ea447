import {
  barChartSvg,
  courseSkewWorkload,
  formatTable,
  measureEvenLoad,
  writeResults,
  type Figure,
} from '@sessions/harness';
import { chapter, withLab, writeSvg } from './with-lab';

export async function runEvenLoad(): Promise<void> {
  console.log(
    `\n[even-load] chapter 03's workload: ${courseSkewWorkload.heavyUsers} heavy and ${courseSkewWorkload.lightUsers} light users, round-robin`,
  );
  const rows: Array<Record<string, Figure>> = [];
  const figures: Record<string, Figure> = {};
  for (const mode of ['async', 'sync']) {
    const result = await withLab({ env: { REPLICATION_MODE: mode } }, (lab) =>
      measureEvenLoad(lab, courseSkewWorkload),
    );
    for (const [server, requests] of Object.entries(result.requestsPerServer))
      rows.push({ mode, server, requests });
    figures[`${mode}MaxOverMean`] = result.maxOverMean;
    figures[`${mode}Requests`] = result.requests;
    figures[`${mode}RequestsWithoutSession`] = result.requestsWithoutSession;
  }
  console.log(`\n${formatTable(rows, 'Requests per server')}`);
  console.log(
    `max/mean: async ${figures.asyncMaxOverMean}, sync ${figures.syncMaxOverMean}; cart requests refused (401): async ${figures.asyncRequestsWithoutSession}, sync ${figures.syncRequestsWithoutSession}`,
  );
  writeResults(chapter, {
    experiment: 'even-load',
    parameters: { ...courseSkewWorkload },
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
