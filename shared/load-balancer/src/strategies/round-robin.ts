import type { Strategy } from '../types';

// #region round-robin
/** Each request goes to the next healthy server in turn; nothing about the client matters. */
export function roundRobin(): Strategy {
  let turn = 0;
  return {
    name: 'round-robin',
    pick(_context, candidates) {
      const server = candidates[turn % candidates.length];
      turn = (turn + 1) % Number.MAX_SAFE_INTEGER;
      return { server, reason: 'round-robin' };
    },
  };
}
// #endregion round-robin
