import type { Figure } from '@sessions/harness';
import type { CaseOutcome } from './cases/hostile-case';
import type { ReferencedOutcome } from './faults/chapter-experiments';
import type { FaultOutcome } from './faults/fault-case';

/** One row of the report per case: what was tried, what was expected, what happened. */
export function outcomeRow(outcome: CaseOutcome): Record<string, Figure> {
  const { reply } = outcome;
  return {
    kind: outcome.case.kind,
    tried: shorten(outcome.case.name, 58),
    target: outcome.case.target,
    expected: outcome.case.expectedStatus ?? 'closed',
    got: reply.status ?? (reply.ended === 'gave-up' ? 'held' : 'closed'),
    'crash?': outcome.crashed.length ? `yes: ${outcome.crashed.join(', ')}` : 'no',
    'reached a server':
      outcome.reachedPool === undefined ? '-' : outcome.reachedPool > 0 ? 'yes' : 'no',
    'outside pool?': outcome.outsidePool > 0 ? 'YES' : 'no',
    verdict: outcome.problems.length ? `FAIL: ${outcome.problems.join('; ')}` : 'ok',
    notes: reply.notes ?? '',
  };
}

/** How many kinds of input were tried, and whether any of them crashed something. */
export function summaryRows(outcomes: readonly CaseOutcome[]): Array<Record<string, Figure>> {
  const kinds = new Set(outcomes.map((outcome) => outcome.case.kind));
  return [
    { figure: 'kinds of hostile input', value: kinds.size },
    { figure: 'cases sent', value: outcomes.length },
    { figure: 'cases as expected', value: outcomes.filter((o) => o.problems.length === 0).length },
    { figure: 'crashes', value: outcomes.filter((o) => o.crashed.length > 0).length },
    {
      figure: 'requests that left the pool',
      value: outcomes.reduce((n, o) => n + o.outsidePool, 0),
    },
  ];
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One row per fault: what users paid for it, against what the chapter promises. */
export function faultRow(outcome: FaultOutcome): Record<string, Figure> {
  const { expectedTimes } = outcome.fault;
  return {
    chapter: outcome.fault.variant
      ? `${outcome.fault.chapter.slice(0, 2)} ${outcome.fault.variant}`
      : outcome.fault.chapter.slice(0, 2),
    fault: outcome.fault.kind,
    'users x requests': `${outcome.users} x ${outcome.requests / outcome.users}`,
    failed: outcome.failed,
    'failed as': Object.entries(outcome.failedStatuses)
      .map(([status, count]) => `${count}x${status}`)
      .join(' '),
    'expected failures': outcome.fault.expected.failures,
    'lost sessions': outcome.lost,
    expected: `${outcome.expectedLost} (${outcome.fault.expected.lost})`,
    'out of pool ms (bound)': withBound(outcome.outOfPoolMs, expectedTimes?.outOfPoolMs),
    'failing for ms': outcome.failingForMs,
    'back in pool ms (bound)': withBound(outcome.backInPoolMs, expectedTimes?.backInPoolMs),
    'crash?': outcome.crashed.length ? `yes: ${outcome.crashed.join(', ')}` : 'no',
    verdict: outcome.problems.length ? `FAIL: ${outcome.problems.join('; ')}` : 'ok',
  };
}

/** One row per run of a chapter's own experiment function. */
export function referencedRow(outcome: ReferencedOutcome): Record<string, Figure> {
  return {
    chapter: outcome.experiment.chapter.slice(0, 2),
    experiment: outcome.experiment.exportName,
    setting: outcome.setting,
    figures: Object.entries(outcome.result ?? {})
      .map(([name, value]) => `${name}=${value}`)
      .join(' '),
    verdict: outcome.problems.length ? `FAIL: ${outcome.problems.join('; ')}` : 'ok',
  };
}

/** "1088 (≤ 1200)": a measured time beside what the settings promise; "!" when past it. */
function withBound(measured: number | undefined, bound: number | undefined): string {
  const shown = measured === undefined ? '-' : String(measured);
  if (bound === undefined) return shown;
  const past = measured !== undefined && measured > bound ? ' !' : '';
  return `${shown} (≤ ${bound})${past}`;
}
