import type { Store } from 'express-session';

type Callback = (error?: unknown, data?: unknown) => void;

const storeCalls = new Set(['get', 'set', 'destroy', 'touch', 'all', 'length', 'ids', 'clear']);

/** A promise that fails after `ms` if the operation has not settled by then. */
export function deadline<T>(operation: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([operation, late]).finally(() => clearTimeout(timer));
}

// #region store-deadline
/**
 * Every call to the store answers within `ms`, or fails. node-redis's command timeout only
 * covers a command still waiting to be sent: once written to a Redis that hangs (paused,
 * overloaded, a network partition), the reply would be awaited forever. Failing here turns
 * that into a 503 instead of a hung request.
 */
export function withDeadline(store: Store, ms: number): Store {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !storeCalls.has(property) || typeof value !== 'function')
        return value;
      return (...args: unknown[]) => {
        const callback = typeof args.at(-1) === 'function' ? (args.pop() as Callback) : undefined;
        let settled = false;
        const finish: Callback = (error, data) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          callback?.(error, data);
        };
        const timer = setTimeout(
          () => finish(new Error(`session store: no answer within ${ms} ms`)),
          ms,
        );
        (value as (...a: unknown[]) => unknown).apply(target, [...args, finish]);
      };
    },
  });
}
// #endregion store-deadline
