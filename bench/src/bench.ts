import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { barChartSvg, describeMachine } from '@sessions/harness';
import type { BenchResults, Measured, SectionName } from './bench-results';
import type { RoundsOptions } from './load/rounds';
import { round2 } from './load/spread';
import { resultsMarkdown } from './report/results-markdown';
import { benchBalancers } from './sections/balancer';
import { benchFailover } from './sections/failover';
import { benchProfile } from './sections/profile';
import { benchLabStarts } from './sections/labs';
import { timeNpmTest } from './sections/npm-test';
import { benchReplication } from './sections/replication';
import { benchStores } from './sections/stores';

export interface BenchOptions {
  /** One round of one second: checks that everything runs and the report has its shape. */
  short: boolean;
  /** Where results.md, results.svg and results.json go. */
  outDir: string;
  /**
   * Measure only these sections and keep the others from the results.json already in
   * outDir (each section carries its own date). All sections when absent.
   */
  only?: SectionName[];
}

export function loadSettings(short: boolean): RoundsOptions {
  return short
    ? { rounds: 1, durationSeconds: 1, connections: 12, warmupSeconds: 0, path: '/health' }
    : { rounds: 5, durationSeconds: 5, connections: 12, warmupSeconds: 2, path: '/health' };
}

type Sections = { [Name in SectionName]-?: NonNullable<BenchResults[Name]>['data'] };

/** Every section, in the order it runs: how to measure it at the given settings. */
const sections: { [Name in SectionName]: (short: boolean) => Promise<Sections[Name]> } = {
  balancer: (short) => benchBalancers(loadSettings(short)),
  balancerProfile: (short) => benchProfile('round-robin', short ? 1 : 10),
  stores: (short) => benchStores(loadSettings(short)),
  replication: (short) => benchReplication(loadSettings(short).rounds, short ? 10 : 100),
  failover: (short) => benchFailover(loadSettings(short).rounds),
  labStarts: (short) => benchLabStarts(loadSettings(short).rounds),
  npmTest: () => timeNpmTest(),
};

export const sectionNames = Object.keys(sections) as SectionName[];

/** Runs the benchmarks, then writes the tables, the chart and the raw figures. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const file = path.join(options.outDir, 'results.json');
  const results: BenchResults =
    options.only && existsSync(file)
      ? { ...(JSON.parse(readFileSync(file, 'utf8')) as BenchResults), machine: describeMachine() }
      : { machine: describeMachine() };
  // A short run never times npm test: the short run is itself part of npm test.
  const wanted = (options.only ?? sectionNames).filter(
    (name) => !(options.short && name === 'npmTest'),
  );
  for (const name of sectionNames.filter((section) => wanted.includes(section))) {
    const run = sections[name] as (short: boolean) => Promise<unknown>;
    Object.assign(results, { [name]: await measure(() => run(options.short), options) });
    // Written after every part, so a long run that is stopped half-way keeps what it measured.
    writeOutputs(results, options.outDir);
  }
  return results;
}

function writeOutputs(results: BenchResults, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(outDir, 'results.md'), resultsMarkdown(results));
  if (results.balancer?.data) {
    const { data } = results.balancer;
    writeFileSync(
      path.join(outDir, 'results.svg'),
      barChartSvg(
        `Requests per second through each balancer, median of ${data.options.rounds} round${data.options.rounds === 1 ? '' : 's'}`,
        data.rows.map((row) => ({
          label: row.contender,
          value: Math.round(row.requestsPerSecond.median),
        })),
        ' req/s',
      ),
    );
  }
}

async function measure<T>(run: () => Promise<T>, options: BenchOptions): Promise<Measured<T>> {
  const measuredAt = new Date().toISOString();
  const start = round2(os.loadavg()[0]);
  const mode = options.short ? 'short' : 'full';
  try {
    const data = await run();
    return { measuredAt, mode, loadAverage: { start, end: round2(os.loadavg()[0]) }, data };
  } catch (error) {
    // One broken part (a chapter mid-rebuild, a missing binary) should not void the others.
    const message = (error as Error).message;
    console.error(`\n${message}`);
    return {
      measuredAt,
      mode,
      loadAverage: { start, end: round2(os.loadavg()[0]) },
      error: message,
    };
  }
}
