import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatFigure, readResults } from '@sessions/harness';
import { extractRegion, languageOf } from './regions.mjs';

/**
 * `<!-- code: chapters/02-inconsistency/src/session/session.config.ts#memory-session -->`,
 * optionally ending in ` without-doc`: the region minus its leading doc comment, for a
 * slide whose speaker notes say the why and whose room needs larger code.
 */
export const codeDirective = /^<!-- code: ([^\s#]+)#([\w-]+)( without-doc)? -->$/gm;
/** The harness's result marker: `<!-- result:<experiment>.<figure> -->value<!-- /result -->` */
export const resultMarker = /<!-- result:([\w-]+)\.([\w.-]+) -->([\s\S]*?)<!-- \/result -->/g;

/**
 * `<!-- chart: chapters/03-sticky/results/skew.svg -->`: a chart an experiment wrote next to
 * its results JSON, shown as it was measured. The build copies it to dist/charts/.
 */
export const chartDirective = /^<!-- chart: (chapters\/[\w.-]+\/results\/[\w.-]+\.svg) -->$/gm;

/** Where a chart lands in dist/: charts/<chapter>-<file>. */
export function chartTarget(file) {
  const [, chapter, , name] = file.split('/');
  return `charts/${chapter}-${name}`;
}

/** Every experiment chart a deck shows, as paths from the repository root. */
export function chartReferences(markdown) {
  return [...markdown.matchAll(chartDirective)].map(([, file]) => file);
}

/** Every `path#region` a deck asks for, in order. */
export function codeReferences(markdown) {
  return [...markdown.matchAll(codeDirective)].map(([, file, region]) => ({ file, region }));
}

/**
 * The deck as Marp should see it: each code directive replaced by the region's code in a
 * fenced block (with where it came from), each result marker replaced by the figure from
 * the chapter's results JSON. Marp turns every HTML comment into a speaker note, so none of
 * these comments may survive into the copy.
 */
export function expandDeck(markdown, { root, chapterDir }) {
  const withCode = markdown.replace(codeDirective, (_whole, file, region, withoutDoc) => {
    const whole = extractRegion(path.join(root, file), region);
    const code = withoutDoc ? withoutLeadingDocComment(whole) : whole;
    const fence = code.includes('```') ? '````' : '```';
    return `${fence}${languageOf(file)}\n${code}\n${fence}\n\n<span class="source">${file} · #region ${region}</span>`;
  });
  const withCharts = withCode.replace(chartDirective, (_whole, file) => {
    if (!existsSync(path.join(root, file))) throw new Error(`chart ${file} does not exist`);
    return `![w:1100](${chartTarget(file)})\n\n<span class="source">${file}</span>`;
  });
  return withCharts.replace(resultMarker, (_whole, experiment, figure) =>
    formatFigure(figureFrom(chapterDir, experiment, figure)),
  );
}

function withoutLeadingDocComment(code) {
  return code.replace(/^\/\*\*[\s\S]*?\*\/\n/, '');
}

function figureFrom(chapterDir, experiment, figure) {
  const where = `result marker ${experiment}.${figure}`;
  if (!chapterDir) throw new Error(`${where}: this deck belongs to no chapter`);
  if (!existsSync(path.join(chapterDir, 'results', `${experiment}.json`)))
    throw new Error(
      `${where}: ${path.join(chapterDir, 'results', experiment)}.json does not exist`,
    );
  const results = readResults(chapterDir, experiment);
  if (figure in results.figures) return results.figures[figure];
  if (figure === 'date') return results.date.slice(0, 10);
  if (figure === 'machine') return `${results.machine.cores} cores, Node ${results.machine.node}`;
  throw new Error(
    `${where}: no figure "${figure}" in ${experiment}.json (figures: ${Object.keys(results.figures).join(', ')})`,
  );
}
