import type { Experiments } from '@sessions/harness';
import { runCrash } from './run-crash';
import { runEvenLoad } from './run-even-load';
import { runLastWriterWins } from './run-last-writer-wins';
import { runMemory } from './run-memory';
import { runNetwork } from './run-network';
import { runScaleOut } from './run-scale-out';
import { runTimingWindow } from './run-timing-window';

/** `npm run experiment -w chapters/04-clustering -- [name…]`: the named ones, or all of them. */
export const experiments = {
  'timing-window': runTimingWindow,
  memory: runMemory,
  network: runNetwork,
  'even-load': runEvenLoad,
  'last-writer-wins': runLastWriterWins,
  crash: runCrash,
  'scale-out': runScaleOut,
} satisfies Experiments;
