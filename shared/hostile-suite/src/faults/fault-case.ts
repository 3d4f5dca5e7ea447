import type { Lab } from '@sessions/harness';

/** Which sessions a fault may lose, by the chapter's design. */
export type ExpectedLoss =
  /** Exactly the sessions that lived only on the victim (chapters 02 and 03: in-memory). */
  | 'victim-only'
  | 'none'
  /** Every session of the users (every server lost its memory). */
  | 'all';

/** Which requests may fail while the fault lasts. */
export type ExpectedFailures =
  | 'none'
  /** At most the requests already in flight on the victim: one per user at most. */
  | 'in-flight'
  /** Some fail, each with a clear 5xx JSON answer (or cut off mid-answer by the crash); none hangs. */
  | 'clear-5xx';

/** One fault, as data: what to break, how it comes back, and what the chapter promises. */
export interface FaultCase {
  kind: string;
  name: string;
  /** The chapter directory, e.g. "02-inconsistency", and an optional lab variant ("insert"). */
  chapter: string;
  variant?: string;
  inject(lab: Lab, victim: string): Promise<void>;
  /** Undo the fault (restart, resume), while the load is still running. */
  recover(lab: Lab, victim: string): Promise<void>;
  /** How long the fault lasts before `recover`: a time, or until the balancer took the victim out and then a time. */
  hold: { ms: number } | { until: 'victim-out-of-pool'; thenMs: number };
  expected: { lost: ExpectedLoss; failures: ExpectedFailures };
  /** What the lab's health-check settings promise, for the report (never asserted). */
  expectedTimes?: { outOfPoolMs?: number; backInPoolMs?: number };
}

export interface FaultOutcome {
  fault: FaultCase;
  users: number;
  requests: number;
  failed: number;
  /** Statuses of the failed requests ("cut off": the connection ended mid-answer; "hung"). */
  failedStatuses: Record<string, number>;
  lost: number;
  expectedLost: number;
  /** From the fault to the balancer taking the victim out (undefined: it never did). */
  outOfPoolMs: number | undefined;
  /** From `recover` to the victim serving again in the pool. */
  backInPoolMs: number | undefined;
  /** From the fault to the last failed request (0: none failed). */
  failingForMs: number;
  crashed: string[];
  problems: string[];
}
