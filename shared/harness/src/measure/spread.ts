import type { Figure } from '../results/results-file';
import { median } from './stats';

/** Median with the min–max spread of the rounds: these machines are noisy, one number would lie. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return {
    median: round2(median(values)),
    min: round2(Math.min(...values)),
    max: round2(Math.max(...values)),
  };
}

/** "3,412 (3,101–3,590)" for a table cell. */
export function formatSpread(spread: Spread, digits = 0): string {
  const format = (value: number) =>
    value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${format(spread.median)} (${format(spread.min)}–${format(spread.max)})`;
}

/** The same cell straight from the rounds' values. */
export const formatSpreadOf = (values: readonly number[], digits = 0): string =>
  formatSpread(spreadOf(values), digits);

export const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Several rounds of one experiment as one results record, the way lessons quote a measured
 * figure, "median (min–max)": each number keeps its name for the median of the rounds and
 * gets the lowest and highest round beside it, Min/Max put before its unit (`writeMs`,
 * `writeMinMs`, `writeMaxMs`; `lostPercent`, `lostMinPercent`, `lostMaxPercent`). A figure
 * that is not a number (a label, an example) is the first round's.
 */
export function figuresOverRounds(
  rounds: ReadonlyArray<Record<string, Figure>>,
): Record<string, Figure> {
  const figures: Record<string, Figure> = {};
  for (const name of Object.keys(rounds[0] ?? {})) {
    const values = rounds.map((round) => round[name]);
    if (!values.every((value): value is number => typeof value === 'number')) {
      figures[name] = values[0];
      continue;
    }
    const spread = spreadOf(values);
    const unit = /(Ms|Us|Percent|Bytes|KiB)$/.exec(name)?.[0] ?? '';
    const stem = name.slice(0, name.length - unit.length);
    figures[name] = spread.median;
    figures[`${stem}Min${unit}`] = spread.min;
    figures[`${stem}Max${unit}`] = spread.max;
  }
  return figures;
}
