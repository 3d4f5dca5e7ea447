import type { describeMachine } from '@sessions/harness';
import type { BalancerResults } from './sections/balancer';
import type { LabStartRow } from './sections/labs';
import type { NpmTestTiming } from './sections/npm-test';
import type { ReplicationResults } from './sections/replication';

/** Everything one `npm run bench` measured, as written to results.json. */
export interface BenchResults {
  date: string;
  machine: ReturnType<typeof describeMachine>;
  mode: 'full' | 'short';
  /** The 1-minute load average when the run started and ended: how busy the machine was. */
  loadAverage: { start: number; end: number };
  balancer: BalancerResults;
  replication: ReplicationResults;
  labStarts: LabStartRow[];
  /** Absent in a short run: it would time the suite that runs the short run. */
  npmTest?: NpmTestTiming;
}
