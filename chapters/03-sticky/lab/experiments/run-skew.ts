import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  barChartSvg,
  chapterDir,
  courseSkewWorkload,
  formatTable,
  startLab,
  writeResults,
} from '@sessions/harness';
import { labFor } from '../lab';
import { measureSkew } from './skew';

export async function runSkew(): Promise<void> {
  const workload = { ...courseSkewWorkload, showProgress: true };
  console.log(
    `Chapter 03 experiment B: ${workload.heavyUsers} heavy users (${workload.heavyRequests} requests each) and ${workload.lightUsers} light users (${workload.lightRequests} each) arrive over ${workload.arrivalTicks} ticks; the same workload runs under round-robin, then sticky (app mode), on 3 servers.`,
  );
  const lab = await startLab(labFor('app'));
  let result;
  try {
    result = await measureSkew(lab, 'app', workload);
  } finally {
    await lab.stop();
  }
  const { roundRobin, sticky } = result;
  const servers = Object.keys(roundRobin.requestsPerServer);
  const rows = servers.map((server) => ({
    server,
    'round-robin': roundRobin.requestsPerServer[server],
    sticky: sticky.requestsPerServer[server] ?? 0,
  }));
  rows.push({
    server: 'max/mean',
    'round-robin': roundRobin.maxOverMean,
    sticky: sticky.maxOverMean,
  });
  console.log(`\n${formatTable(rows, 'Requests per server')}\n`);

  const dir = chapterDir('03-sticky');
  const busiest = (counts: Record<string, number>) => Math.max(...Object.values(counts));
  const file = writeResults(dir, {
    experiment: 'skew',
    parameters: { servers: servers.length, ...courseSkewWorkload },
    figures: {
      requests: sticky.requests,
      roundRobinMaxOverMean: roundRobin.maxOverMean,
      stickyMaxOverMean: sticky.maxOverMean,
      roundRobinBusiest: busiest(roundRobin.requestsPerServer),
      stickyBusiest: busiest(sticky.requestsPerServer),
      stickyQuietest: Math.min(...Object.values(sticky.requestsPerServer)),
    },
    tables: { requestsPerServer: rows },
  });
  const chart = path.join(dir, 'results/skew.svg');
  writeFileSync(
    chart,
    barChartSvg('Requests per server, round-robin vs sticky', [
      ...servers.map((server) => ({
        group: 'round-robin',
        label: `server ${server}`,
        value: roundRobin.requestsPerServer[server],
      })),
      ...servers.map((server) => ({
        group: 'sticky',
        label: `server ${server}`,
        value: sticky.requestsPerServer[server] ?? 0,
      })),
    ]),
  );
  console.log(`wrote ${file}\nwrote ${chart}`);
}
