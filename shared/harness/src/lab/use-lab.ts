import { startLab, type Lab, type StartLabOptions } from './lab';
import type { LabDefinition } from './lab-definition';

type Hook = (run: () => Promise<void>) => void;

/**
 * One lab for the tests of the calling `describe` (or file): started before the first test,
 * stopped after the last, also when a test fails. The object it returns stands for that lab
 * once started, so tests read `lab.url` and pass `lab` on as they would the lab itself.
 * Jest's hooks are looked up when it is called, so the harness never loads Jest elsewhere.
 */
export function useLab(definition: LabDefinition, options?: StartLabOptions): Lab {
  const { beforeAll, afterAll } = globalThis as unknown as { beforeAll?: Hook; afterAll?: Hook };
  if (!beforeAll || !afterAll) throw new Error('useLab is for test files: Jest runs its hooks');
  let started: Lab | undefined;
  beforeAll(async () => {
    started = await startLab(definition, options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as Lab, {
    get(_target, property) {
      if (!started) throw new Error('the lab is used before it started (outside a test or hook)');
      const value: unknown = Reflect.get(started, property);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}
