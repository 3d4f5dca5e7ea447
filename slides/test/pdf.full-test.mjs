import { describe, it, expect, beforeAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { requireBinary } from '@sessions/harness';
import { buildSlides } from '../scripts/lib/build-slides.mjs';
import { listDecks } from '../scripts/lib/decks.mjs';
import { useScratchDir } from './support/scratch-dir.mjs';

// `npm run test:full` only: printing every deck through Chromium takes most of a minute,
// and test/build.test.mjs already checks everything the HTML (the PDF's source) says.
describe('npm run slides, PDF', () => {
  const outDir = useScratchDir('slides-pdf-');
  let result;
  beforeAll(() => {
    // The PDF needs Chromium: missing, this fails with the install command instead of skipping.
    process.env.CHROME_PATH ??= requireBinary('chromium');
    result = buildSlides({ outDir: outDir(), pdf: true });
  }, 240_000);

  it('renders every deck to a PDF', () => {
    expect(result.decks.map((deck) => deck.name)).toEqual(
      listDecks().map((deck) => path.basename(deck, '.md')),
    );
    for (const deck of result.decks)
      expect({ deck: deck.name, pdf: readFileSync(deck.pdf).subarray(0, 5).toString() }).toEqual({
        deck: deck.name,
        pdf: '%PDF-',
      });
  });
});
