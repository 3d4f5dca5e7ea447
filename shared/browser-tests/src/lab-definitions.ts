import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chapterDir, listChapters, type LabDefinition } from '@sessions/harness';

/** A chapter's `lab` export (lab/lab.ts), loaded from its build like the launcher does. */
export async function loadLabDefinition(chapter: string): Promise<LabDefinition> {
  const file = path.join(chapterDir(chapter), 'dist/lab/lab.js');
  if (!existsSync(file))
    throw new Error(`${file} is missing: build the chapter first (npm run build)`);
  const module = (await import(pathToFileURL(file).href)) as { lab?: LabDefinition };
  if (!module.lab) throw new Error(`${file} does not export \`lab\``);
  return module.lab;
}

/** Chapters whose lab has a balancer in front, and therefore a dashboard, and is built. */
export async function chaptersWithDashboard(): Promise<string[]> {
  const found: string[] = [];
  for (const name of listChapters()) {
    if (!existsSync(path.join(chapterDir(name), 'dist/lab/lab.js'))) continue;
    if ((await loadLabDefinition(name)).strategy !== false) found.push(name);
  }
  return found;
}
