import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const slidesDir = path.resolve(import.meta.dirname, '../..');
export const repoRoot = path.resolve(slidesDir, '..');

/** The decks, in course order: 00-intro.md, 01-session-basics.md, ... */
export function listDecks(dir = slidesDir) {
  return readdirSync(dir)
    .filter((name) => /^\d\d-[\w-]+\.md$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Deck NN-*.md presents chapters/NN-*; the intro (00) presents none. */
export function chapterDirFor(deck, root = repoRoot) {
  const number = path.basename(deck).slice(0, 2);
  const chapters = path.join(root, 'chapters');
  const match = existsSync(chapters)
    ? readdirSync(chapters).find((name) => name.startsWith(`${number}-`))
    : undefined;
  return match && path.join(chapters, match);
}
