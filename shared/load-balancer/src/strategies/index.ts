import type { Strategy } from '../types';
import { leastConnections } from './least-connections';
import { roundRobin } from './round-robin';
import { stickyAppCookie } from './sticky-app-cookie';
import { stickyInsertCookie } from './sticky-insert-cookie';

/** Strategies by the name the CLI, the launcher and the chapters use. */
export const strategies: Record<string, () => Strategy> = {
  'round-robin': roundRobin,
  'least-connections': leastConnections,
  'sticky-app-cookie': () => stickyAppCookie(),
  'sticky-insert-cookie': () => stickyInsertCookie(),
};

export function strategyByName(name: string): Strategy {
  const create = strategies[name];
  if (!create) {
    throw new Error(`unknown strategy "${name}"; known: ${Object.keys(strategies).join(', ')}`);
  }
  return create();
}
