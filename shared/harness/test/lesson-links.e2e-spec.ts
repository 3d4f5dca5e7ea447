import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../src';
import { documentsWithResults } from '../src/results/markers';

const root = repoRoot();
const documents = [
  path.join(root, 'README.md'),
  path.join(root, 'README.ko.md'),
  path.join(root, 'docs/ARCHITECTURE.md'),
  path.join(root, 'docs/glossary.md'),
  ...documentsWithResults(root).map((document) => document.file),
];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slugOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** The anchors a Markdown file offers: its headings' slugs and its explicit ids. */
function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  const headings = [...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) => slugOf(heading));
  const ids = [...text.matchAll(/ id="([^"]+)"/g)].map(([, id]) => id);
  return new Set([...headings, ...ids]);
}

describe('links between the lessons, the decks and docs/', () => {
  it('every relative link points to a file of the repository, and every #anchor to a heading or id in it', () => {
    const broken: string[] = [];
    for (const file of documents) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const [relative, anchor] = target.split('#');
        const linked = path.resolve(path.dirname(file), relative);
        const where = `${path.relative(root, file)} → ${target}`;
        if (!existsSync(linked)) broken.push(`${where}: no such file`);
        else if (anchor && linked.endsWith('.md') && !anchorsOf(linked).has(anchor))
          broken.push(`${where}: no heading or id "${anchor}" there`);
      }
    }

    expect(broken).toEqual([]);
  });

  it('the glossary gives every term an English name, a definition and a chapter', () => {
    const rows = readFileSync(path.join(root, 'docs/glossary.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('| <a id='));

    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const row of rows) {
      const cells = row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      expect({ row, cells: cells.length, filled: cells.every((cell) => cell.length > 0) }).toEqual({
        row,
        cells: 4,
        filled: true,
      });
    }
  });
});
