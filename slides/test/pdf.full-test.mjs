import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireBinary } from '@sessions/harness';
import { buildSlides } from '../scripts/lib/build-slides.mjs';
import { listDecks } from '../scripts/lib/decks.mjs';
import { languages } from '../scripts/lib/languages.mjs';
import { useScratchDir } from './support/scratch-dir.mjs';
import { embeddedFonts } from './pdf-fonts.mjs';

// `npm run test:full` only: printing every deck through Chromium takes most of a minute,
// and test/build.test.mjs already checks everything the HTML (the PDF's source) says.
describe('npm run slides, PDF', () => {
  let outDir;
  const scratch = useScratchDir('slides-pdf-');
  let result;
  beforeAll(() => {
    // The PDF needs Chromium: missing, this fails with the install command instead of skipping.
    process.env.CHROME_PATH ??= requireBinary('chromium');
    outDir = scratch();
    result = buildSlides({ outDir, pdf: true });
  }, 480_000);

  it.each(languages.map((language) => [language.name, language]))(
    'renders every %s deck to a PDF',
    (_name, language) => {
      const built = result.decks.filter((deck) => deck.language === language.code);
      expect(built.map((deck) => deck.name)).toEqual(
        listDecks(language.sourceDir).map((deck) => path.basename(deck, '.md')),
      );
      for (const deck of built)
        expect({ deck: deck.name, pdf: readFileSync(deck.pdf).subarray(0, 5).toString() }).toEqual({
          deck: deck.name,
          pdf: '%PDF-',
        });
    },
  );

  it('a Korean PDF draws its Hangul with the Nanum font it embeds, not as empty boxes', () => {
    const deck = result.decks.find(
      (deck) => deck.language === 'ko' && deck.name === '02-inconsistency',
    );
    const fonts = embeddedFonts(deck.pdf);
    expect({
      fonts,
      embedsNanum: fonts.some((font) => /\+NanumGothic/.test(font)),
    }).toEqual({ fonts, embedsNanum: true });
  });
});
