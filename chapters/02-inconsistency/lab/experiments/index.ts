import type { Experiments } from '@sessions/harness';
import { runLostSessions } from './run-lost-sessions';

/** `npm run experiment -w chapters/02-inconsistency -- [name…]`: the named ones, or all of them. */
export const experiments = { 'lost-sessions': runLostSessions } satisfies Experiments;
