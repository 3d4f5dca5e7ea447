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

export const round2 = (value: number) => Math.round(value * 100) / 100;
