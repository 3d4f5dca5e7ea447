import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, type LabDefinition } from '@sessions/harness';

/**
 * A chapter's lab exactly as `npm start -- NN` starts it (its dist/lab.js), so the suite
 * attacks what learners run, not a copy.
 */
export async function loadLabDefinition(chapter: string, variant?: string): Promise<LabDefinition> {
  const file = path.join(chapterDir(chapter), 'dist/lab.js');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build the chapter first (npx turbo run build)`);
  type LabModule = { lab?: LabDefinition; labFor?: (variant: string) => LabDefinition };
  const loaded = (await import(pathToFileURL(file).href)) as LabModule & { default?: LabModule };
  const module = loaded.lab ? loaded : (loaded.default ?? loaded);
  // A chapter with modes (chapter 03: app or insert) exports labFor(mode).
  if (variant !== undefined) {
    if (!module.labFor) throw new Error(`${file} has no labFor(): chapter ${chapter} has no modes`);
    return module.labFor(variant);
  }
  if (!module.lab) throw new Error(`${file} does not export \`lab\``);
  return module.lab;
}
