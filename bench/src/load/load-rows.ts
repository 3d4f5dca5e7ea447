import type { RoundResult } from './rounds';
import { spreadOf, type Spread } from './spread';

/** One contender over all its rounds: medians with their spread. */
export interface LoadRow {
  contender: string;
  requestsPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** Microseconds of the measured process's CPU per request; undefined where none was measured. */
  cpuMicros?: Spread;
  failures: number;
}

export function loadRows(results: Map<string, RoundResult[]>): LoadRow[] {
  return [...results].map(([contender, runs]) => ({
    contender,
    requestsPerSecond: spreadOf(runs.map((run) => run.requestsPerSecond)),
    p50Ms: spreadOf(runs.map((run) => run.p50Ms)),
    p99Ms: spreadOf(runs.map((run) => run.p99Ms)),
    cpuMicros: runs.every((run) => run.cpuMicros !== undefined)
      ? spreadOf(runs.map((run) => run.cpuMicros!))
      : undefined,
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  }));
}
