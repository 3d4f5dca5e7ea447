/**
 * What differs between an English lesson (README.md) and its Korean edition (README.ko.md):
 * the sections, the region and result markers, the command lines of the fenced blocks, and
 * whether each section is translated in full. Used by korean-edition.e2e-spec.ts.
 */

export type DriftKind = 'sections' | 'markers' | 'commands' | 'translation' | 'language link';

export interface Drift {
  kind: DriftKind;
  /** The section, as the English heading and (when it differs) the Korean one. */
  where: string;
  problem: string;
}

interface Section {
  level: number;
  title: string;
  /** Text a reader reads: no code, markers, link targets, HTML tags. */
  prose: string;
  /** `result:<experiment>.<figure>` and `region:<file>#<name>`. */
  markers: string[];
  /** `<language>: <line>` of every fenced block, comments stripped, blank lines dropped. */
  codeLines: string[];
}

/** A Korean section's prose must be at least this share of its English section's prose. */
export const minimumProseShare = 0.4;
/** ... and more than this share of its letters must be Hangul. */
export const minimumHangulShare = 0.5;
/** Below this many letters of English prose, a section is too short to judge its translation. */
const shortestJudgedProse = 40;

const fence = /^(\s*)(```+|~~~+)\s*([\w-]*)/;
const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const markerPattern = /<!-- (result:[\w-]+\.[\w.-]+|region:[^#\s]+#[\w-]+) -->/g;

/** Comments a translator may translate: `#` in shell blocks, `//` in TypeScript and JavaScript. */
function withoutComment(language: string, line: string): string {
  if (['sh', 'bash', 'shell', 'console'].includes(language))
    return line.replace(/(^|\s)#.*$/, '').trimEnd();
  if (['ts', 'typescript', 'js', 'javascript'].includes(language))
    return line.replace(/(^|\s)\/\/.*$/, '').trimEnd();
  return line.trimEnd();
}

function readableProse(markdown: string): string {
  return markdown
    .replace(/<!-- result:[\s\S]*?<!-- \/result -->/g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/<https?:[^>\s]*>/g, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, ' ')
    .replace(/[*_[\]|>-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A lesson cut at its headings (outside fenced blocks); the text before the first heading is section 0. */
export function sectionsOf(markdown: string): Section[] {
  const sections: Section[] = [];
  let current = {
    level: 0,
    title: '(top of the page)',
    text: [] as string[],
    code: [] as string[],
  };
  const close = () => {
    const text = current.text.join('\n');
    sections.push({
      level: current.level,
      title: current.title,
      prose: readableProse(text),
      markers: [...text.matchAll(markerPattern), ...current.code.join('\n').matchAll(markerPattern)]
        .map(([, marker]) => marker)
        .sort(),
      codeLines: current.code.filter((line) => !line.endsWith(': ')),
    });
  };
  let open: { indent: number; marker: string; language: string } | undefined;
  for (const line of markdown.split('\n')) {
    const fenceMatch = line.match(fence);
    if (open) {
      if (fenceMatch && fenceMatch[2].startsWith(open.marker) && !fenceMatch[3]) open = undefined;
      else {
        const code = withoutComment(
          open.language,
          line.slice(Math.min(open.indent, line.search(/\S|$/))),
        );
        current.code.push(`${open.language || 'text'}: ${code}`);
      }
      continue;
    }
    if (fenceMatch) {
      open = { indent: fenceMatch[1].length, marker: fenceMatch[2], language: fenceMatch[3] };
      continue;
    }
    const headingMatch = line.match(heading);
    if (headingMatch) {
      close();
      current = { level: headingMatch[1].length, title: headingMatch[2], text: [], code: [] };
    } else current.text.push(line);
  }
  close();
  return sections;
}

/** What one list has that the other lacks, counting repeats. */
function missingFrom(expected: string[], actual: string[]): string[] {
  const left = [...actual];
  return expected.filter((item) => {
    const at = left.indexOf(item);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

const hashes = (level: number) => (level === 0 ? '' : `${'#'.repeat(level)} `);
const share = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

/** Everything in which the Korean edition has drifted from the English lesson; [] when in step. */
export function driftBetween(english: string, korean: string): Drift[] {
  const drifts: Drift[] = [];
  const englishSections = sectionsOf(english);
  const koreanSections = sectionsOf(korean);

  // "At the top": before the first section heading (##).
  const top = (markdown: string) => markdown.split(/\n## /)[0];
  if (!/\]\(README\.ko\.md\)/.test(top(english)))
    drifts.push({
      kind: 'language link',
      where: 'top of README.md',
      problem: 'no link to the Korean edition: add [한국어](README.ko.md) under the title',
    });
  if (!/\]\(README\.md\)/.test(top(korean)))
    drifts.push({
      kind: 'language link',
      where: 'top of README.ko.md',
      problem: 'no link to the English lesson: add [English](README.md) under the title',
    });

  const outline = (sections: Section[]) => sections.map((s) => `${hashes(s.level)}${s.title}`);
  const levels = (sections: Section[]) => sections.map((s) => s.level).join(',');
  if (levels(englishSections) !== levels(koreanSections)) {
    const english = outline(englishSections);
    const korean = outline(koreanSections);
    const at = englishSections.findIndex((s, i) => koreanSections[i]?.level !== s.level);
    drifts.push({
      kind: 'sections',
      where: english[at] ?? '(after the last English heading)',
      problem:
        `the English lesson has ${english.length - 1} headings and the Korean edition ${korean.length - 1}; ` +
        `they part at heading ${at}: English "${english[at] ?? '(none)'}", Korean "${korean[at] ?? '(none)'}". ` +
        `Each English heading needs one Korean heading of the same level, in the same order`,
    });
    return drifts;
  }

  englishSections.forEach((englishSection, index) => {
    const koreanSection = koreanSections[index];
    const where =
      `"${hashes(englishSection.level)}${englishSection.title}"` +
      (koreanSection.title === englishSection.title ? '' : ` (Korean "${koreanSection.title}")`);

    for (const marker of missingFrom(englishSection.markers, koreanSection.markers))
      drifts.push({
        kind: 'markers',
        where,
        problem: `the Korean section lacks <!-- ${marker} -->`,
      });
    for (const marker of missingFrom(koreanSection.markers, englishSection.markers))
      drifts.push({
        kind: 'markers',
        where,
        problem: `the Korean section has <!-- ${marker} -->, which the English section does not`,
      });

    for (const line of missingFrom(englishSection.codeLines, koreanSection.codeLines))
      drifts.push({
        kind: 'commands',
        where,
        problem: `the Korean section lacks the ${line.replace(/: /, ' line: ')}`,
      });
    for (const line of missingFrom(koreanSection.codeLines, englishSection.codeLines))
      drifts.push({
        kind: 'commands',
        where,
        problem: `the Korean section has the ${line.replace(/: /, ' line: ')}, which the English section does not`,
      });

    const englishLength = englishSection.prose.length;
    if (englishLength < shortestJudgedProse) return;
    const koreanLength = koreanSection.prose.length;
    if (koreanLength < englishLength * minimumProseShare)
      drifts.push({
        kind: 'translation',
        where,
        problem: `the Korean prose is ${koreanLength} characters, ${share(koreanLength, englishLength)} of the English section's ${englishLength} (at least ${share(minimumProseShare, 1)}): translate all of it`,
      });
    const letters = koreanSection.prose.match(/\p{L}/gu) ?? [];
    const hangul = koreanSection.prose.match(/\p{Script=Hangul}/gu) ?? [];
    if (letters.length > 0 && hangul.length <= letters.length * minimumHangulShare)
      drifts.push({
        kind: 'translation',
        where,
        problem: `only ${share(hangul.length, letters.length)} of the Korean section's letters are Hangul (more than ${share(minimumHangulShare, 1)} needed): translate the English left in it`,
      });
  });
  return drifts;
}
