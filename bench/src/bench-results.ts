import type { describeMachine } from '@sessions/harness';
import type { BalancerResults } from './sections/balancer';
import type { LabStartRow } from './sections/labs';
import type { NpmTestTiming } from './sections/npm-test';
import type { ProfileResults } from './sections/profile';
import type { FailoverResults } from './sections/failover';
import type { ReplicationResults } from './sections/replication';
import type { StoreResults } from './sections/stores';

/** One section's figures, with when and under what conditions they were measured. */
export interface Measured<T> {
  measuredAt: string;
  mode: 'full' | 'short';
  /** The 1-minute load average when the section started and ended: how busy the machine was. */
  loadAverage: { start: number; end: number };
  /** Absent when the section failed: then `error` says why, and the other sections still run. */
  data?: T;
  error?: string;
}

/** What `npm run bench` measured, as written to results.json (sections may come from separate runs). */
export interface BenchResults {
  machine: ReturnType<typeof describeMachine>;
  balancer?: Measured<BalancerResults>;
  balancerProfile?: Measured<ProfileResults>;
  stores?: Measured<StoreResults>;
  replication?: Measured<ReplicationResults>;
  failover?: Measured<FailoverResults>;
  labStarts?: Measured<LabStartRow[]>;
  /** Never measured in a short run: it would time the suite that runs the short run. */
  npmTest?: Measured<NpmTestTiming>;
}

export type SectionName = Exclude<keyof BenchResults, 'machine'>;
