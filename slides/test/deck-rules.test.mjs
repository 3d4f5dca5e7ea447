import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Marp } from '@marp-team/marp-core';
import { checkResultMarkers } from '@sessions/harness';
import { chapterDirFor, listDecks, repoRoot, slidesDir } from '../scripts/lib/decks.mjs';
import { chartReferences, codeReferences, expandDeck } from '../scripts/lib/expand.mjs';
import { extractRegion } from '../scripts/lib/regions.mjs';
import { english, languages } from '../scripts/lib/languages.mjs';

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
  for (const theme of ['course.css', 'course-ko.css'])
    marp.themeSet.add(readFileSync(path.join(slidesDir, 'theme', theme), 'utf8'));
  const { html, comments } = marp.render(markdown);
  const sections = html.split(/(?=<section )/).slice(1);
  return sections.map((section, i) => ({ html: section, notes: (comments[i] ?? []).join('\n') }));
}

/** Every deck in every language: the rules below hold for a translation as for the English. */
const decks = languages.flatMap((language) =>
  listDecks(language.sourceDir).map((deck) => ({ deck, language })),
);

/** Where an image link of a deck points: slides/images/… from slides/ or ../images/… from slides/ko/. */
function imageFile(deck, link) {
  return path.resolve(path.dirname(deck), link);
}

it('there is an intro deck and a deck for chapter 02 at least', () => {
  const names = listDecks(english.sourceDir).map((deck) => path.basename(deck));
  expect(names).toEqual(expect.arrayContaining(['00-intro.md', '02-inconsistency.md']));
});

describe.each(decks.map(({ deck, language }) => [path.relative(slidesDir, deck), deck, language]))(
  'deck %s',
  (_label, deck, language) => {
    const number = path.basename(deck).slice(0, 2);
    const { say, ask, demo } = language.notes;
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

    it(`every content slide has speaker notes saying what to say (${say}:) and what to ask the room (${ask}:)`, () => {
      const missing = slidesOf(expanded())
        .map((slide, i) => ({ slide: i + 1, notes: slide.notes }))
        .slice(1)
        .filter(
          ({ notes }) =>
            !new RegExp(`^${say}: `, 'm').test(notes) || !new RegExp(`^${ask}: `, 'm').test(notes),
        )
        .map(({ slide }) => slide);
      expect({ slidesWithoutSayAndAsk: missing }).toEqual({ slidesWithoutSayAndAsk: [] });
    });

    if (number !== '00') {
      it(`has a live demo note (${demo}:) with the exact launcher command (npm start -- ${number})`, () => {
        const notes = slidesOf(expanded()).map((slide) => slide.notes);
        expect(notes.some((note) => new RegExp(`^${demo}: `, 'm').test(note))).toBe(true);
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
      const images = path.join(slidesDir, 'images') + path.sep;
      const broken = links.filter((link) => {
        const file = imageFile(deck, link);
        return !file.startsWith(images) || !existsSync(file);
      });
      expect({ brokenImageLinks: broken }).toEqual({ brokenImageLinks: [] });
    });
  },
);

it('every figure a deck quotes, in every language, agrees with its chapter results JSON', () => {
  const problems = checkResultMarkers(repoRoot).problems.filter((problem) =>
    problem.file.startsWith(slidesDir + path.sep),
  );
  expect(problems).toEqual([]);
});

it('every committed diagram is a scalable SVG with a title for screen readers', () => {
  for (const { deck } of decks) {
    for (const [, link] of readFileSync(deck, 'utf8').matchAll(
      /\]\(((?:\.\.\/)?images\/[^)\s]+\.svg)/g,
    )) {
      const svg = readFileSync(imageFile(deck, link), 'utf8');
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
