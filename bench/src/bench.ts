import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { barChartSvg, describeMachine } from '@sessions/harness';
import type { BenchResults } from './bench-results';
import type { RoundsOptions } from './load/rounds';
import { resultsMarkdown } from './report/results-markdown';
import { benchBalancers } from './sections/balancer';
import { benchLabStarts } from './sections/labs';
import { benchReplication } from './sections/replication';
import { round2 } from './load/spread';
import { timeNpmTest } from './sections/npm-test';

export interface BenchOptions {
  /** One round of one second: checks that everything runs and the report has its shape. */
  short: boolean;
  /** Where results.md, results.svg and results.json go. */
  outDir: string;
}

export function loadSettings(short: boolean): RoundsOptions {
  return short
    ? { rounds: 1, durationSeconds: 1, connections: 12, warmupSeconds: 0, path: '/health' }
    : { rounds: 5, durationSeconds: 5, connections: 12, warmupSeconds: 2, path: '/health' };
}

/** Runs every benchmark, then writes the tables, the chart and the raw figures. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const settings = loadSettings(options.short);
  const date = new Date().toISOString();
  const loadAtStart = os.loadavg()[0];
  const balancer = await benchBalancers(settings);
  const replication = await benchReplication(settings.rounds, options.short ? 10 : 100);
  const labStarts = await benchLabStarts(settings.rounds);
  const npmTest = options.short ? undefined : await timeNpmTest();
  mkdirSync(options.outDir, { recursive: true });
  const results: BenchResults = {
    date,
    machine: describeMachine(),
    mode: options.short ? 'short' : 'full',
    loadAverage: { start: round2(loadAtStart), end: round2(os.loadavg()[0]) },
    balancer,
    replication,
    labStarts,
    npmTest,
  };
  writeFileSync(path.join(options.outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(options.outDir, 'results.md'), resultsMarkdown(results));
  writeFileSync(
    path.join(options.outDir, 'results.svg'),
    barChartSvg(
      `Requests per second, median of ${settings.rounds} rounds (${describeMachine().cores} cores)`,
      balancer.rows.map((row) => ({
        label: row.contender,
        value: Math.round(row.requestsPerSecond.median),
      })),
      ' req/s',
    ),
  );
  return results;
}
