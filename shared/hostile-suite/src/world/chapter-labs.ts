import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, type LabDefinition } from '@sessions/harness';

/**
 * A chapter's lab exactly as `npm start -- NN` starts it (its dist/lab.js), so the suite
 * attacks what learners run, not a copy.
 */
export async function loadLabDefinition(chapter: string): Promise<LabDefinition> {
  const file = path.join(chapterDir(chapter), 'dist/lab.js');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build the chapter first (npx turbo run build)`);
  const module = (await import(pathToFileURL(file).href)) as {
    lab?: LabDefinition;
    default?: { lab?: LabDefinition };
  };
  const definition = module.lab ?? module.default?.lab;
  if (!definition) throw new Error(`${file} does not export \`lab\``);
  return definition;
}
