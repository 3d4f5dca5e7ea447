import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, type LabDefinition } from '@sessions/harness';

type LabModule = { lab?: LabDefinition } & Record<string, unknown>;

/**
 * A chapter's lab exactly as `npm start -- NN` starts it (its dist/lab/lab.js), so the suite
 * attacks what learners run, not a copy. A chapter with modes exports a factory for them:
 * chapter 03's labFor('insert'), chapter 05's externalStorageLab('redis-sentinel').
 */
export async function loadLabDefinition(
  chapter: string,
  variant?: string,
  factory = 'labFor',
): Promise<LabDefinition> {
  const file = path.join(chapterDir(chapter), 'dist/lab/lab.js');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build the chapter first (npx turbo run build)`);
  const loaded = (await import(pathToFileURL(file).href)) as LabModule & { default?: LabModule };
  const module = loaded.lab ? loaded : (loaded.default ?? loaded);
  if (variant !== undefined) {
    const make = module[factory];
    if (typeof make !== 'function')
      throw new Error(`${file} has no ${factory}(): chapter ${chapter} has no modes`);
    return (make as (variant: string) => LabDefinition)(variant);
  }
  if (!module.lab) throw new Error(`${file} does not export \`lab\``);
  return module.lab;
}
