import { describe, it, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Marp } from '@marp-team/marp-core';
import { listDecks } from '../scripts/lib/decks.mjs';
import { chartDirective, codeDirective, resultMarker } from '../scripts/lib/expand.mjs';
import { english, translations } from '../scripts/lib/languages.mjs';

// A translated deck tells the same story as its English deck, slide for slide: the same
// slides, the same code regions, charts and measured figures. When an English deck changes,
// this fails until the translation follows.

/** How many slides Marp makes of a deck. */
function slideCount(markdown) {
  return new Marp({ html: true }).render(markdown).html.match(/<section /g)?.length ?? 0;
}

/** The directives and result markers a deck carries, sorted: what the build fills in. */
function fillIns(markdown) {
  return {
    code: [...markdown.matchAll(codeDirective)].map(
      ([, file, region, bare]) => `${file}#${region}${bare ?? ''}`,
    ),
    charts: [...markdown.matchAll(chartDirective)].map(([, file]) => file),
    results: [...markdown.matchAll(resultMarker)].map(
      ([, experiment, figure]) => `${experiment}.${figure}`,
    ),
  };
}

const sorted = ({ code, charts, results }) => ({
  code: [...code].sort(),
  charts: [...charts].sort(),
  results: [...new Set(results)].sort(),
});

/** The command lines of a deck's shell blocks, their `# comments` (which may be translated) removed. */
function commandLines(markdown) {
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap(([, block]) =>
    block
      .split('\n')
      .map((line) => line.replace(/\s+#\s.*$/, '').trimEnd())
      .filter((line) => line !== ''),
  );
}

/** Share of the letters in a deck's prose that are its language's own, ignoring code and markup. */
function ownLetterShare(markdown, letters) {
  const prose = markdown
    .replace(/^---[\s\S]*?\n---\n/, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`]*`/g, '')
    .replace(/<!-- (code|chart|result):[^>]*-->|<!-- \/result -->/g, '')
    .replace(/<[^>]+>/g, '');
  const own = prose.match(letters)?.length ?? 0;
  const latin = prose.match(/[A-Za-z]/g)?.length ?? 0;
  return own / Math.max(1, own + latin);
}

const englishDecks = listDecks(english.sourceDir);

describe.each(translations.map((language) => [language.name, language]))(
  'the %s decks',
  (_name, language) => {
    it('there is a translated deck for every English deck, and none without one', () => {
      const names = (dir) => listDecks(dir).map((deck) => path.basename(deck));
      expect(names(language.sourceDir)).toEqual(names(english.sourceDir));
    });

    describe.each(englishDecks.map((deck) => [path.basename(deck), deck]))('%s', (name, deck) => {
      const translated = path.join(language.sourceDir, name);
      const read = (file) => readFileSync(file, 'utf8');

      it('has as many slides as the English deck', () => {
        expect(existsSync(translated)).toBe(true);
        expect({ deck: name, slides: slideCount(read(translated)) }).toEqual({
          deck: name,
          slides: slideCount(read(deck)),
        });
      });

      it('shows the same code regions, charts and result markers as the English deck', () => {
        expect(sorted(fillIns(read(translated)))).toEqual(sorted(fillIns(read(deck))));
      });

      it('gives the room the same commands to run as the English deck (comments aside)', () => {
        expect(commandLines(read(translated))).toEqual(commandLines(read(deck)));
      });

      it(`is written in the language (lang: ${language.code}, mostly its own script)`, () => {
        const markdown = read(translated);
        expect(markdown).toMatch(new RegExp(`^lang: ${language.code}$`, 'm'));
        expect({
          deck: name,
          mostlyOwnLetters: ownLetterShare(markdown, language.letters) > 0.5,
        }).toEqual({
          deck: name,
          mostlyOwnLetters: true,
        });
      });

      it('links the localised copy of every diagram the English deck shows', () => {
        const diagrams = (markdown) =>
          [...markdown.matchAll(/!\[[^\]]*\]\((?:\.\.\/)?images\/(?:\w\w\/)?([^)\s]+)/g)].map(
            (match) => match[1],
          );
        expect(diagrams(read(translated))).toEqual(diagrams(read(deck)));
        for (const link of read(translated).matchAll(/!\[[^\]]*\]\(([^)\s]+)/g))
          expect(link[1]).toMatch(new RegExp(`^\\.\\./images/${language.code}/`));
      });
    });
  },
);
