import type { Experiments } from '@sessions/harness';
import { runRoundTrips } from './run-round-trips';
import { runSlowLink } from './run-slow-link';
import { runSplitBrain } from './run-split-brain';
import { runStorePartition } from './run-store-partition';

/** `npm run experiment -w chapters/06-network-partitions -- [name…]`: the named ones, or all of them. */
export const experiments = {
  'split-brain': runSplitBrain,
  'round-trips': runRoundTrips,
  'store-partition': runStorePartition,
  'slow-link': runSlowLink,
} satisfies Experiments;
