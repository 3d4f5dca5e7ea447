import { startLab, type Lab, type StartLabOptions } from './lab';
import type { LabDefinition } from './lab-definition';

/**
 * Starts a lab, runs `use` on it and stops it, whatever happens: one round of an experiment
 * on a fresh lab (fresh secrets, empty stores), so no round sees what another left behind.
 */
export async function inFreshLab<T>(
  definition: LabDefinition,
  use: (lab: Lab) => Promise<T>,
  options: StartLabOptions = {},
): Promise<T> {
  const lab = await startLab(definition, options);
  try {
    return await use(lab);
  } finally {
    await lab.stop();
  }
}
