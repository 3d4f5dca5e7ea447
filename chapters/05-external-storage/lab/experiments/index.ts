import type { Experiments } from '@sessions/harness';
import { runEvenLoad } from './run-even-load';
import { runFailover } from './run-failover';
import { runReplication } from './run-replication';
import { runStoreLatency } from './run-store-latency';
import { runStoreRestart } from './run-store-restart';

/** `npm run experiment -w chapters/05-external-storage -- [name…]`: the named ones, or all of them. */
export const experiments = {
  'store-latency': runStoreLatency,
  'store-restart': runStoreRestart,
  failover: runFailover,
  'even-load': runEvenLoad,
  replication: runReplication,
} satisfies Experiments;
