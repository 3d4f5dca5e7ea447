import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Marp } from '@marp-team/marp-core';
import { checkResultMarkers } from '@sessions/harness';
import { chapterDirFor, listDecks, repoRoot, slidesDir } from '../scripts/lib/decks.mjs';
import { chartReferences, codeReferences, expandDeck } from '../scripts/lib/expand.mjs';
import { extractRegion } from '../scripts/lib/regions.mjs';

/** The source material's Korean terms each deck must carry beside the English. */
const koreanTerms = {
  '00': ['세션 불일치', '스티키 세션', '세션 클러스터링', '세션 스토리지 분리', '단일 장애점'],
  '01': ['세션'],
  '02': ['세션 불일치'],
  '03': ['스티키 세션'],
  '04': ['세션 클러스터링'],
  '05': ['세션 스토리지 분리', '단일 장애점'],
};

/** Marp's own reading of a deck: one entry per slide, its HTML and its speaker notes. */
function slidesOf(markdown) {
  const marp = new Marp({ html: true });
  marp.themeSet.add(readFileSync(path.join(slidesDir, 'theme/course.css'), 'utf8'));
  const { html, comments } = marp.render(markdown);
  const sections = html.split(/(?=<section )/).slice(1);
  return sections.map((section, i) => ({ html: section, notes: (comments[i] ?? []).join('\n') }));
}

const decks = listDecks();

it('there is an intro deck and a deck for chapter 02 at least', () => {
  const names = decks.map((deck) => path.basename(deck));
  expect(names).toEqual(expect.arrayContaining(['00-intro.md', '02-inconsistency.md']));
});

describe.each(decks.map((deck) => [path.basename(deck), deck]))('deck %s', (name, deck) => {
  const number = name.slice(0, 2);
  const source = readFileSync(deck, 'utf8');
  const expanded = () => expandDeck(source, { root: repoRoot, chapterDir: chapterDirFor(deck) });

  it('every code region, result figure and chart it shows exists in its chapter', () => {
    for (const { file, region } of codeReferences(source)) {
      expect(() => extractRegion(path.join(repoRoot, file), region)).not.toThrow();
    }
    expect(expanded).not.toThrow();
  });

  it('opens with a title slide: the title class and one big heading', () => {
    const [title] = slidesOf(expanded());
    expect(title.html).toMatch(/^<section [^>]*class="title"/);
    expect(title.html).toMatch(/<h1[^>]*>/);
  });

  it('every content slide has speaker notes saying what to say and what to ask the room', () => {
    const missing = slidesOf(expanded())
      .map((slide, i) => ({ slide: i + 1, notes: slide.notes }))
      .slice(1)
      .filter(({ notes }) => !/^Say: /m.test(notes) || !/^Ask: /m.test(notes))
      .map(({ slide }) => slide);
    expect({ slidesWithoutSayAndAsk: missing }).toEqual({ slidesWithoutSayAndAsk: [] });
  });

  if (number !== '00') {
    it(`has a live demo note with the exact launcher command (npm start -- ${number})`, () => {
      const notes = slidesOf(expanded()).map((slide) => slide.notes);
      expect(notes.some((note) => /^Demo: /m.test(note))).toBe(true);
      expect(notes.join('\n')).toContain(`npm start -- ${number}`);
    });
  }

  it('carries the Korean terms of the source material beside the English', () => {
    for (const term of koreanTerms[number] ?? [])
      expect({ term, found: source.includes(term) }).toEqual({ term, found: true });
  });

  it("every experiment chart it shows exists in its chapter's results", () => {
    const missing = chartReferences(source).filter(
      (chart) => !existsSync(path.join(repoRoot, chart)),
    );
    expect({ missingCharts: missing }).toEqual({ missingCharts: [] });
  });

  it('every image link resolves to a committed file under slides/images', () => {
    const links = [
      ...source.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g),
      ...source.matchAll(/<img [^>]*src="([^"]+)"/g),
    ].map((match) => match[1]);
    const broken = links.filter(
      (link) => !link.startsWith('images/') || !existsSync(path.join(slidesDir, link)),
    );
    expect({ brokenImageLinks: broken }).toEqual({ brokenImageLinks: [] });
  });
});

it('every figure a deck quotes agrees with its chapter results JSON', () => {
  const problems = checkResultMarkers(repoRoot).problems.filter((problem) =>
    problem.file.startsWith(slidesDir + path.sep),
  );
  expect(problems).toEqual([]);
});

it('every committed diagram is a scalable SVG with a title for screen readers', () => {
  for (const deck of decks) {
    for (const [, link] of readFileSync(deck, 'utf8').matchAll(/\]\((images\/[^)\s]+\.svg)/g)) {
      const svg = readFileSync(path.join(slidesDir, link), 'utf8');
      expect({ link, viewBox: /<svg [^>]*viewBox="0 0 \d+ \d+"/.test(svg) }).toEqual({
        link,
        viewBox: true,
      });
      expect({ link, title: /<title[^>]*>[^<]+<\/title>/.test(svg) }).toEqual({
        link,
        title: true,
      });
    }
  }
});
