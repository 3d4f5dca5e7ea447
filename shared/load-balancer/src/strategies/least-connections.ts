import type { Strategy } from '../types';

/** The server with the fewest requests in flight; ties go to the one that has served fewer. */
export function leastConnections(): Strategy {
  return {
    name: 'least-connections',
    pick(_context, candidates) {
      const server = candidates.reduce((best, candidate) =>
        candidate.active < best.active ||
        (candidate.active === best.active && candidate.requests < best.requests)
          ? candidate
          : best,
      );
      return { server, reason: 'least-connections' };
    },
  };
}
