import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo';
import { type ExperimentResults, type Figure } from './results-file';

/**
 * Lessons and slides never type a measured number: they carry
 * `<!-- result:<experiment>.<figure> -->value<!-- /result -->` markers that this fills in
 * from the chapter's results/<experiment>.json, and a test checks they still agree.
 * The experiment `bench` reads bench/results.json instead, the figure being a dotted path
 * into it (`bench.balancer.data.throughputRatio.median`).
 */
const markerPattern = /<!-- result:([\w-]+)\.([\w.-]+) -->([\s\S]*?)<!-- \/result -->/g;

export interface MarkerProblem {
  file: string;
  marker: string;
  problem: string;
}

/** A folder's lesson files: README.md and, where there is one, its Korean edition README.ko.md. */
const lessonFileNames = ['README.md', 'README.ko.md'];

/** Every Markdown file that may quote results: chapter READMEs, shared packages' READMEs (each in English and Korean), the slide decks (slides/ and the Korean slides/ko/). */
export function documentsWithResults(
  root = repoRoot(),
): Array<{ file: string; chapterDir?: string }> {
  const documents: Array<{ file: string; chapterDir?: string }> = [];
  const chapters = path.join(root, 'chapters');
  for (const name of existsSync(chapters) ? readdirSync(chapters) : []) {
    for (const readme of lessonFileNames.map((file) => path.join(chapters, name, file)))
      if (existsSync(readme))
        documents.push({ file: readme, chapterDir: path.join(chapters, name) });
  }
  const shared = path.join(root, 'shared');
  for (const name of existsSync(shared) ? readdirSync(shared) : []) {
    for (const readme of lessonFileNames.map((file) => path.join(shared, name, file)))
      if (existsSync(readme)) documents.push({ file: readme });
  }
  // The English decks and their Korean translations (slides/ko/), which quote the same figures.
  for (const slides of [path.join(root, 'slides'), path.join(root, 'slides', 'ko')]) {
    for (const name of existsSync(slides) ? readdirSync(slides) : []) {
      if (name.endsWith('.md')) documents.push({ file: path.join(slides, name) });
    }
  }
  return documents;
}

/** Where a document's markers look for results: its own chapter, or (for slides) the chapter named by the deck's number. */
function chapterFor(
  document: { file: string; chapterDir?: string },
  root: string,
): string | undefined {
  if (document.chapterDir) return document.chapterDir;
  const number = path.basename(document.file).match(/^(\d\d)-/)?.[1];
  if (!number) return undefined;
  const match = readdirSync(path.join(root, 'chapters')).find((name) =>
    name.startsWith(`${number}-`),
  );
  return match && path.join(root, 'chapters', match);
}

export function formatFigure(value: Figure): string {
  if (typeof value !== 'number') return String(value);
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

/** A figure of bench/results.json, by its dotted path; only numbers and strings are figures. */
function benchFigure(root: string, figure: string): Figure | undefined {
  const file = path.join(root, 'bench', 'results.json');
  if (!existsSync(file)) return undefined;
  let value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of figure.split('.')) {
    if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  if (typeof value === 'string' && figure.endsWith('measuredAt')) return value.slice(0, 10);
  return typeof value === 'number' || typeof value === 'string' ? value : undefined;
}

function lookup(
  chapterDir: string | undefined,
  experiment: string,
  figure: string,
  root = repoRoot(),
): Figure | undefined {
  if (experiment === 'bench') return benchFigure(root, figure);
  if (!chapterDir) return undefined;
  const file = path.join(chapterDir, 'results', `${experiment}.json`);
  if (!existsSync(file)) return undefined;
  const results = JSON.parse(readFileSync(file, 'utf8')) as ExperimentResults;
  if (figure in results.figures) return results.figures[figure];
  if (figure === 'date') return results.date.slice(0, 10);
  if (figure === 'machine') return `${results.machine.cores} cores, Node ${results.machine.node}`;
  return undefined;
}

/** Rewrites every marker with its current figure. Returns the files it changed. */
export function fillResultMarkers(root = repoRoot()): string[] {
  const changed: string[] = [];
  for (const document of documentsWithResults(root)) {
    const chapterDir = chapterFor(document, root);
    const text = readFileSync(document.file, 'utf8');
    const next = text.replace(markerPattern, (whole, experiment: string, figure: string) => {
      const value = lookup(chapterDir, experiment, figure, root);
      return value === undefined
        ? whole
        : `<!-- result:${experiment}.${figure} -->${formatFigure(value)}<!-- /result -->`;
    });
    if (next !== text) {
      writeFileSync(document.file, next);
      changed.push(document.file);
    }
  }
  return changed;
}

/** Markers whose text differs from the results file, or that name a figure that does not exist. */
export function checkResultMarkers(root = repoRoot()): {
  checked: number;
  problems: MarkerProblem[];
} {
  const problems: MarkerProblem[] = [];
  let checked = 0;
  for (const document of documentsWithResults(root)) {
    const chapterDir = chapterFor(document, root);
    for (const [, experiment, figure, shown] of readFileSync(document.file, 'utf8').matchAll(
      markerPattern,
    )) {
      checked += 1;
      const marker = `${experiment}.${figure}`;
      const value = lookup(chapterDir, experiment, figure, root);
      if (value === undefined)
        problems.push({
          file: document.file,
          marker,
          problem: 'no such figure in the results file',
        });
      else if (formatFigure(value) !== shown) {
        problems.push({
          file: document.file,
          marker,
          problem: `shows "${shown}" but the results say "${formatFigure(value)}": run npm run results`,
        });
      }
    }
  }
  return { checked, problems };
}
