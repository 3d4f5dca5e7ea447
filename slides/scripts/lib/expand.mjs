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
  return withCode.replace(resultMarker, (_whole, experiment, figure) =>
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
