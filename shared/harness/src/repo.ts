import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The monorepo's root: the nearest folder upwards whose package.json declares workspaces. */
export function repoRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8')))
      return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no monorepo root above ${from}`);
    dir = parent;
  }
}

/** A chapter's folder from its number ("02", 2) or full name ("02-inconsistency"). */
export function chapterDir(chapter: string | number): string {
  const chapters = path.join(repoRoot(), 'chapters');
  const prefix = typeof chapter === 'number' ? String(chapter).padStart(2, '0') : chapter;
  const match = readdirSync(chapters).find(
    (name) => name === prefix || name.startsWith(`${prefix.padStart(2, '0')}-`),
  );
  if (!match) throw new Error(`no chapter "${chapter}" in ${chapters}`);
  return path.join(chapters, match);
}

export function listChapters(): string[] {
  return readdirSync(path.join(repoRoot(), 'chapters'))
    .filter((name) => /^\d\d-/.test(name))
    .sort();
}
