// The harness owns the median-and-range summary; the benchmarks and the chapters share it.
export { formatSpread, round2, spreadOf, type Spread } from '@sessions/harness';
