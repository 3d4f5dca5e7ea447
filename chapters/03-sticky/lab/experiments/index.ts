import type { Experiments } from '@sessions/harness';
import { runFailoverLoss } from './run-failover-loss';
import { runSkew } from './run-skew';

/** `npm run experiment -w chapters/03-sticky -- [name…]`: the named ones, or all of them. */
export const experiments = {
  'failover-loss': runFailoverLoss,
  skew: runSkew,
} satisfies Experiments;
