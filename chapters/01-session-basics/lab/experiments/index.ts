import type { Experiments } from '@sessions/harness';
import { runCarrierBytes } from './run-carrier-bytes';

/** `npm run experiment -w chapters/01-session-basics -- [name…]`: the named ones, or all of them. */
export const experiments = { 'carrier-bytes': runCarrierBytes } satisfies Experiments;
