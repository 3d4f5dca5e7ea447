import type { Strategy } from '../types';
import { leastConnections } from './least-connections';
import { roundRobin } from './round-robin';

/** Strategies by the name the CLI, the launcher and the chapters use. */
export const strategies: Record<string, () => Strategy> = {
  'round-robin': roundRobin,
  'least-connections': leastConnections,
};

export function strategyByName(name: string): Strategy {
  const create = strategies[name];
  if (!create) {
    throw new Error(`unknown strategy "${name}"; known: ${Object.keys(strategies).join(', ')}`);
  }
  return create();
}
