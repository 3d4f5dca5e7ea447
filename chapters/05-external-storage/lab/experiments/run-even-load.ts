import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  barChartSvg,
  chapterDir,
  courseSkewWorkload,
  formatTable,
  measureEvenLoad,
  startLab,
  writeResults,
} from '@sessions/harness';
import { externalStorageLab } from '../lab';

// npm run experiment -w chapters/05-external-storage -- even-load
export async function runEvenLoad(): Promise<void> {
  const workload = { ...courseSkewWorkload, showProgress: true };
  console.log(
    `Chapter 03's skew workload on a shared Redis: ${workload.heavyUsers} heavy users (${workload.heavyRequests} requests each) and ${workload.lightUsers} light users (${workload.lightRequests} each) arrive over ${workload.arrivalTicks} ticks, behind round-robin on 3 servers.`,
  );
  const lab = await startLab(externalStorageLab('redis'));
  let result;
  try {
    result = await measureEvenLoad(lab, workload);
  } finally {
    await lab.stop();
  }
  const servers = Object.keys(result.requestsPerServer);
  const rows: Array<Record<string, string | number>> = servers.map((server) => ({
    server,
    'round-robin + Redis': result.requestsPerServer[server],
  }));
  rows.push({ server: 'max/mean', 'round-robin + Redis': result.maxOverMean });
  console.log(`\n${formatTable(rows, 'Requests per server')}`);
  console.log(`requests that found no session: ${result.requestsWithoutSession}\n`);

  const dir = chapterDir('05-external-storage');
  const file = writeResults(dir, {
    experiment: 'even-load',
    parameters: { servers: servers.length, ...courseSkewWorkload },
    figures: {
      requests: result.requests,
      maxOverMean: result.maxOverMean,
      busiest: Math.max(...Object.values(result.requestsPerServer)),
      quietest: Math.min(...Object.values(result.requestsPerServer)),
      requestsWithoutSession: result.requestsWithoutSession,
    },
    tables: { requestsPerServer: rows },
  });
  const chart = path.join(dir, 'results/even-load.svg');
  writeFileSync(
    chart,
    barChartSvg(
      'Requests per server, round-robin with a shared store',
      servers.map((server) => ({
        group: 'round-robin + Redis',
        label: `server ${server}`,
        value: result.requestsPerServer[server],
      })),
    ),
  );
  console.log(`wrote ${file}\nwrote ${chart}`);
}
