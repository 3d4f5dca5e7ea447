/** The middle value; with an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `p` percent of the sorted values fall (nearest-rank). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarizeLatency(values: readonly number[]): LatencySummary {
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    count: values.length,
    p50: round(percentile(values, 50)),
    p90: round(percentile(values, 90)),
    p99: round(percentile(values, 99)),
    max: round(Math.max(...values)),
    mean: round(values.reduce((a, b) => a + b, 0) / values.length),
  };
}

/** How many items fall in each group, e.g. requests per server. */
export function countBy<T>(
  items: readonly T[],
  key: (item: T) => string | null | undefined,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item) ?? 'none';
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Load skew: the busiest server's count over the mean. 1.0 is perfectly even. */
export function maxOverMean(
  counts: Record<string, number>,
  servers: readonly string[] = Object.keys(counts),
): number {
  const values = servers.map((server) => counts[server] ?? 0);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return mean === 0 ? Number.NaN : Math.round((Math.max(...values) / mean) * 100) / 100;
}
