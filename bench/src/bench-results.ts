import type { describeMachine } from '@sessions/harness';
import type { BalancerResults } from './sections/balancer';
import type { LabStartRow } from './sections/labs';
import type { NpmTestTiming } from './sections/npm-test';

/** Everything one `npm run bench` measured, as written to results.json. */
export interface BenchResults {
  date: string;
  machine: ReturnType<typeof describeMachine>;
  mode: 'full' | 'short';
  balancer: BalancerResults;
  labStarts: LabStartRow[];
  /** Absent in a short run: it would time the suite that runs the short run. */
  npmTest?: NpmTestTiming;
}
