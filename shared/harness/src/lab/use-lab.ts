import { startLab, type Lab, type StartLabOptions } from './lab';
import type { LabDefinition } from './lab-definition';

type Hook = (run: () => Promise<void>, timeoutMs?: number) => void;

/** Jest's hooks, looked up when a helper is called, so the harness never loads Jest elsewhere. */
function jestHooks(helper: string): { beforeAll: Hook; afterAll: Hook } {
  const { beforeAll, afterAll } = globalThis as unknown as { beforeAll?: Hook; afterAll?: Hook };
  if (!beforeAll || !afterAll) throw new Error(`${helper} is for test files: Jest runs its hooks`);
  return { beforeAll, afterAll };
}

/** An object standing for what `current()` returns once it is there (after the hook ran). */
function standIn<T extends object>(current: () => T | undefined, what: string): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const value = current();
      if (value === undefined)
        throw new Error(`${what} is used before it is there (outside a test or hook)`);
      const member: unknown = Reflect.get(value, property);
      return typeof member === 'function' ? member.bind(value) : member;
    },
  });
}

/**
 * One lab for the tests of the calling `describe` (or file): started before the first test,
 * stopped after the last, also when a test fails (unless a test stopped it itself). The object
 * it returns stands for that lab once started, so tests read `lab.url` and pass `lab` on as
 * they would the lab itself. `startTimeoutMs` bounds the start when it may take longer than a
 * test (labs on network hosts).
 */
export function useLab(
  definition: LabDefinition,
  options?: StartLabOptions,
  startTimeoutMs?: number,
): Lab {
  const { beforeAll, afterAll } = jestHooks('useLab');
  let started: Lab | undefined;
  let stopped = false;
  beforeAll(async () => {
    started = await startLab(definition, options);
  }, startTimeoutMs);
  afterAll(async () => {
    if (!stopped) await started?.stop();
  });
  const lab = standIn(() => started, 'the lab');
  return new Proxy(lab, {
    get(target, property, receiver) {
      if (property !== 'stop') return Reflect.get(target, property, receiver);
      return async () => {
        stopped = true;
        await started?.stop();
      };
    },
  });
}

/**
 * What `measure` returns, measured once before the first test of the calling `describe` (after
 * the labs its hooks start): the tests assert on the object this returns, which stands for it.
 */
export function useMeasurement<T extends object>(measure: () => Promise<T>, timeoutMs?: number): T {
  const { beforeAll } = jestHooks('useMeasurement');
  let result: T | undefined;
  beforeAll(async () => {
    result = await measure();
  }, timeoutMs);
  return standIn(() => result, 'the measurement');
}
