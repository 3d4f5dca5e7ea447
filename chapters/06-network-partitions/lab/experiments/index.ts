import type { Experiments } from '@sessions/harness';
import { runRoundTrips } from './run-round-trips';
import { runSplitBrain } from './run-split-brain';

/** `npm run experiment -w chapters/06-network-partitions -- [name…]`: the named ones, or all of them. */
export const experiments = {
  'split-brain': runSplitBrain,
  'round-trips': runRoundTrips,
} satisfies Experiments;
